package io.gmnstream.operator.baselines;

import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The naive baseline's features: L2 norms over finite values (first/last = first/last DENSE layer
 * in spec order, see {@link ParameterLayout}), sizes and the share of non-finite parameters:
 * {@code l2_all_weights}, {@code l2_first_weight}, {@code l2_last_weight}, {@code l2_all_biases},
 * {@code l2_all_parameters} (norm layers included), {@code parameters}, {@code dense_layers},
 * {@code nonfinite_fraction}. Length {@link #LENGTH} = 8.
 */
public final class NaiveFeatures {
    public static final List<String> NAMES = List.of("l2_all_weights", "l2_first_weight", "l2_last_weight", "l2_all_biases",
            "l2_all_parameters", "parameters", "dense_layers", "nonfinite_fraction");
    public static final int LENGTH = NAMES.size();

    private NaiveFeatures() {
    }

    public static double[] of(ParamGraph graph, Map<String, Tensor> tensors) {
        return of(graph != null ? ParameterLayout.from(graph, tensors) : ParameterLayout.fromTensors(tensors));
    }

    public static double[] of(ParameterLayout layout) {
        List<ParameterLayout.Layer> dense = layout.dense();
        List<Tensor> allW = new ArrayList<>();
        List<Tensor> allB = new ArrayList<>();
        for (ParameterLayout.Layer l : dense) {
            allW.addAll(l.weights());
            allB.addAll(l.biases());
        }
        List<Tensor> all = layout.allTensors();
        long params = 0;
        long nonFinite = 0;
        for (Tensor t : all) {
            params += t.size();
            for (float v : t.values()) {
                if (!Float.isFinite(v)) {
                    nonFinite++;
                }
            }
        }
        return new double[] {
            l2(allW),
            dense.isEmpty() ? 0 : l2(dense.get(0).weights()),
            dense.isEmpty() ? 0 : l2(dense.get(dense.size() - 1).weights()),
            l2(allB),
            l2(all),
            params,
            dense.size(),
            params == 0 ? 0 : (double) nonFinite / params,
        };
    }

    private static double l2(List<Tensor> pool) {
        return Math.sqrt(TensorStats.sumOfSquares(pool));
    }
}
