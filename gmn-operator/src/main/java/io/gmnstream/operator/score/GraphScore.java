package io.gmnstream.operator.score;

/**
 * The GMN's prediction for one network, in the units of its training labels.
 *
 * @param predictedTestAccuracy      in [0, 1]
 * @param predictedGeneralizationGap train minus test accuracy, unscaled with the model's gap scale
 * @param modelVersion               the model that scored it ({@link ModelVersion})
 * @param nodes                      nodes of the graph scored
 * @param edges                      edges of the graph scored
 * @param nonFiniteValues            edge values that were NaN or infinite and were replaced by 0 before
 *                                   scoring (a diverged network); 0 for a healthy one
 */
public record GraphScore(float predictedTestAccuracy, float predictedGeneralizationGap, String modelVersion, int nodes,
                         int edges, int nonFiniteValues) {
}
