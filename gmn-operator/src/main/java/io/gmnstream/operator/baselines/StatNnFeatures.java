package io.gmnstream.operator.baselines;

import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * StatNN features (Unterthiner et al. 2020) with a fixed length across architectures.
 *
 * <p>The paper takes 7 statistics of every weight and bias tensor, which only gives a fixed length
 * inside one architecture. Our zoo mixes depths and families, so tensors are pooled into ten fixed
 * groups (see {@link ParameterLayout} for what "first" and "last" mean: the first and last DENSE
 * layer in spec order), each summarised by {@link TensorStats}' 7 statistics (mean, variance,
 * quantiles 0/25/50/75/100 over finite values; an empty group gives zeros):
 * <ol>
 *   <li>{@code first_w}, {@code first_b}: the first dense layer's weight(s) and bias(es)</li>
 *   <li>{@code hidden_w}, {@code hidden_b}: every dense layer strictly between first and last,
 *       pooled (empty for a one-hidden-layer MLP)</li>
 *   <li>{@code last_w}, {@code last_b}: the last dense layer (the classifier head)</li>
 *   <li>{@code all_w}, {@code all_b}: every dense weight, every dense bias, pooled</li>
 *   <li>{@code norm_g}, {@code norm_b}: every normalisation gain and shift pooled (zeros without norms)</li>
 * </ol>
 * then six scalars: {@code nan_count} and {@code inf_count} (non-finite parameters anywhere, a
 * diverged run's signature), {@code dense_layers} (depth), {@code norm_layers},
 * {@code parameters} (every element of every tensor) and {@code log10_parameters}.
 * Total {@link #LENGTH} = 10 x 7 + 6 = 76. The vector depends only on the multiset of values of
 * each group, so it is exactly invariant to hidden-neuron permutations.
 */
public final class StatNnFeatures {
    public static final List<String> GROUPS = List.of("first_w", "first_b", "hidden_w", "hidden_b", "last_w", "last_b",
            "all_w", "all_b", "norm_g", "norm_b");
    public static final List<String> SCALARS = List.of("nan_count", "inf_count", "dense_layers", "norm_layers", "parameters",
            "log10_parameters");
    public static final List<String> NAMES;
    public static final int LENGTH;

    static {
        List<String> names = new ArrayList<>();
        for (String g : GROUPS) {
            for (String s : TensorStats.STAT_NAMES) {
                names.add(g + "." + s);
            }
        }
        names.addAll(SCALARS);
        NAMES = Collections.unmodifiableList(names);
        LENGTH = names.size();
    }

    private StatNnFeatures() {
    }

    public static double[] of(ParamGraph graph, Map<String, Tensor> tensors) {
        return of(graph != null ? ParameterLayout.from(graph, tensors) : ParameterLayout.fromTensors(tensors));
    }

    public static double[] of(ParameterLayout layout) {
        List<ParameterLayout.Layer> dense = layout.dense();
        List<ParameterLayout.Layer> norms = layout.norms();
        List<Tensor> firstW = List.of();
        List<Tensor> firstB = List.of();
        List<Tensor> lastW = List.of();
        List<Tensor> lastB = List.of();
        List<Tensor> hiddenW = new ArrayList<>();
        List<Tensor> hiddenB = new ArrayList<>();
        List<Tensor> allW = new ArrayList<>();
        List<Tensor> allB = new ArrayList<>();
        for (int i = 0; i < dense.size(); i++) {
            ParameterLayout.Layer l = dense.get(i);
            allW.addAll(l.weights());
            allB.addAll(l.biases());
            if (i == 0) {
                firstW = l.weights();
                firstB = l.biases();
            }
            if (i == dense.size() - 1) {
                lastW = l.weights();
                lastB = l.biases();
            }
            if (i > 0 && i < dense.size() - 1) {
                hiddenW.addAll(l.weights());
                hiddenB.addAll(l.biases());
            }
        }
        List<Tensor> normG = new ArrayList<>();
        List<Tensor> normB = new ArrayList<>();
        for (ParameterLayout.Layer l : norms) {
            normG.addAll(l.weights());
            normB.addAll(l.biases());
        }
        List<List<Tensor>> groups = List.of(firstW, firstB, hiddenW, hiddenB, lastW, lastB, allW, allB, normG, normB);
        double[] out = new double[LENGTH];
        int k = 0;
        for (List<Tensor> g : groups) {
            System.arraycopy(TensorStats.of(g).toArray(), 0, out, k, TensorStats.STATS);
            k += TensorStats.STATS;
        }
        long nan = 0;
        long inf = 0;
        long params = 0;
        for (Tensor t : layout.allTensors()) {
            params += t.size();
            for (float v : t.values()) {
                if (Float.isNaN(v)) {
                    nan++;
                } else if (Float.isInfinite(v)) {
                    inf++;
                }
            }
        }
        out[k++] = nan;
        out[k++] = inf;
        out[k++] = dense.size();
        out[k++] = norms.size();
        out[k++] = params;
        out[k] = params > 0 ? Math.log10(params) : 0;
        return out;
    }
}
