package io.gmnstream.operator.gmn;

/** The GMN's prediction for one network. */
public record GmnScore(float predictedTestAccuracy, float predictedGeneralizationGap) {
}
