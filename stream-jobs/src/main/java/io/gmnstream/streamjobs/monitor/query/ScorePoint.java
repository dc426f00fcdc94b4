package io.gmnstream.streamjobs.monitor.query;

/**
 * One scored checkpoint of a run, a point of its chart.
 *
 * @param measuredTestAccuracy the test accuracy the run reported with this checkpoint, null when none
 */
public record ScorePoint(long step, double predictedTestAccuracy, double predictedGeneralizationGap,
                         Double measuredTestAccuracy, long scoredAtMillis) {
}
