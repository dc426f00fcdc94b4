package io.gmnstream.operator.evaluate;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import io.gmnstream.operator.gmn.NonFiniteValues;
import io.gmnstream.operator.learn.GmnFitter.NonFinite;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Applies a model's non-finite policy to checkpoints before ANY predictor sees them, so the GMN and
 * the baselines are compared on the same inputs: with {@link NonFinite#ZERO} every NaN/Inf weight
 * becomes 0 in the graph and in the tensors (the baselines read the tensors; left raw, StatNN's
 * NaN/Inf counts would flag diverged runs that the GMN cannot see), with {@link NonFinite#EXCLUDE}
 * such checkpoints are dropped. Labels, and {@link LabelledCheckpoint#finiteWeights()} as the record
 * of the raw checkpoint, are kept.
 */
public final class NonFiniteWeights {
    private NonFiniteWeights() {
    }

    /**
     * @param checkpoints the input, in order
     * @param zeroed      checkpoints whose non-finite weights were replaced by 0
     * @param excluded    checkpoints dropped
     */
    public record Applied(List<LabelledCheckpoint> checkpoints, int zeroed, int excluded) {
        public Applied {
            checkpoints = List.copyOf(checkpoints);
        }
    }

    public static Applied apply(List<LabelledCheckpoint> checkpoints, NonFinite policy) {
        Objects.requireNonNull(policy, "policy");
        List<LabelledCheckpoint> out = new ArrayList<>(checkpoints.size());
        int zeroed = 0;
        int excluded = 0;
        for (LabelledCheckpoint c : checkpoints) {
            if (isFinite(c)) {
                out.add(c);
            } else if (policy == NonFinite.EXCLUDE) {
                excluded++;
            } else {
                out.add(zeroed(c));
                zeroed++;
            }
        }
        return new Applied(out, zeroed, excluded);
    }

    /** Checks the values themselves, not only the flag, since the graph is what the GMN reads. */
    private static boolean isFinite(LabelledCheckpoint c) {
        if (!NonFiniteValues.allFinite(c.graph().edgeValue())) {
            return false;
        }
        for (Tensor t : c.tensors().values()) {
            if (!NonFiniteValues.allFinite(t.values())) {
                return false;
            }
        }
        return true;
    }

    static LabelledCheckpoint zeroed(LabelledCheckpoint c) {
        ParamGraph graph = NonFiniteValues.zeroed(c.graph());
        Map<String, Tensor> tensors = new TreeMap<>();
        c.tensors().forEach((name, t) -> tensors.put(name,
                new Tensor(t.name(), t.sourceType(), t.shape(), NonFiniteValues.zeroed(t.values()))));
        return new LabelledCheckpoint(c.runId(), c.family(), c.runIndex(), c.step(), c.epoch(), graph, tensors,
                c.testAccuracy(), c.trainAccuracy(), c.generalizationGap(), c.diverged(), c.finiteWeights(), c.maxWidth());
    }
}
