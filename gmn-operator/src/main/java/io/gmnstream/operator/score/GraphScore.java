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
 * @param ensembleSize               GMNs whose predictions were averaged ({@link ModelEnsemble}); 1 without members
 * @param accuracySpread             max - min of their accuracy predictions; 0 for one GMN. The larger, the
 *                                   less the prediction is to be trusted (the network is unlike the zoo)
 */
public record GraphScore(float predictedTestAccuracy, float predictedGeneralizationGap, String modelVersion, int nodes,
                         int edges, int nonFiniteValues, int ensembleSize, float accuracySpread) {
    /** True when the ensemble's members disagree ({@link ModelEnsemble#DISAGREEMENT}): trust the score less. */
    public boolean membersDisagree() {
        return ensembleSize > 1 && accuracySpread >= ModelEnsemble.DISAGREEMENT;
    }

    /** A score of one GMN. */
    public GraphScore(float predictedTestAccuracy, float predictedGeneralizationGap, String modelVersion, int nodes, int edges,
                      int nonFiniteValues) {
        this(predictedTestAccuracy, predictedGeneralizationGap, modelVersion, nodes, edges, nonFiniteValues, 1, 0f);
    }
}
