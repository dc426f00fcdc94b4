package io.gmnstream.operator.baselines;

/** A baseline's prediction for one checkpoint: test accuracy (clipped to [0, 1]) and generalisation gap (clipped to [-1, 1]). */
public record BaselinePrediction(double testAccuracy, double generalizationGap) {
}
