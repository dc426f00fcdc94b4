package io.gmnstream.operator.dataset;

import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.util.Map;
import java.util.Objects;

/**
 * One zoo checkpoint with its labels: the parameter graph (GMN input), the decoded tensors
 * (baselines' input) and the measured accuracies.
 *
 * @param runId             the run the checkpoint belongs to (split unit: never split a run)
 * @param family            architecture family tag of the run ({@code mlp}, {@code residual_mlp}, ...)
 * @param runIndex          the run index tag (-1 when absent)
 * @param step              optimiser step of the checkpoint
 * @param epoch             epoch of the checkpoint (-1 when absent)
 * @param graph             the parameter graph; edge values are the raw weights and may be non-finite
 *                          when {@code finiteWeights} is false
 * @param tensors           decoded weights by tensor name (sorted map), raw
 * @param testAccuracy      measured test accuracy in [0, 1]
 * @param trainAccuracy     measured train accuracy: {@code train_accuracy_clean} when present, else
 *                          {@code train_accuracy}
 * @param generalizationGap {@code trainAccuracy - testAccuracy}
 * @param diverged          the run's {@code diverged} metric was 1 at this checkpoint
 * @param finiteWeights     every weight is finite (false after a divergence wrote NaN/Inf weights)
 * @param maxWidth          the largest hidden width of the spec (outputs of every linear/conv layer but
 *                          the last one): the axis of the out-of-distribution split
 */
public record LabelledCheckpoint(String runId, String family, int runIndex, long step, int epoch, ParamGraph graph,
                                 Map<String, Tensor> tensors, double testAccuracy, double trainAccuracy,
                                 double generalizationGap, boolean diverged, boolean finiteWeights, int maxWidth) {

    public LabelledCheckpoint {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(graph, "graph");
        tensors = Map.copyOf(Objects.requireNonNull(tensors, "tensors"));
    }

    /** A readable key, e.g. {@code run-0007@step120}. */
    public String key() {
        return runId + "@step" + step;
    }
}
