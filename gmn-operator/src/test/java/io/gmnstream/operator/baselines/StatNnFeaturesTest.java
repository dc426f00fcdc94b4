package io.gmnstream.operator.baselines;

import io.gmnstream.operator.train.Permutations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gmnstream.operator.zoo.Architecture;
import io.gmnstream.operator.zoo.Family;
import io.gmnstream.paramgraph.GraphBuilder;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.tensor.MapTensorSource;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StatNnFeaturesTest {

    private static Tensor t(String name, long[] shape, float... v) {
        return Tensor.f32(name, shape, v);
    }

    /** fc1 [2x2] + bias with a NaN, out [1x2] with an Inf + bias: values chosen to be exact in binary. */
    private static Map<String, Tensor> handMade() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("fc1.weight", t("fc1.weight", new long[] {2, 2}, 1, 2, 3, 4));
        m.put("fc1.bias", t("fc1.bias", new long[] {2}, 0.5f, Float.NaN));
        m.put("out.weight", t("out.weight", new long[] {1, 2}, -1, Float.POSITIVE_INFINITY));
        m.put("out.bias", t("out.bias", new long[] {1}, 2));
        return m;
    }

    private static double[] group(double[] f, String name) {
        int g = StatNnFeatures.GROUPS.indexOf(name);
        return java.util.Arrays.copyOfRange(f, g * 7, g * 7 + 7);
    }

    private static double scalar(double[] f, String name) {
        return f[StatNnFeatures.NAMES.indexOf(name)];
    }

    @Test
    void shouldHaveTheDocumentedLengthAndExactValuesOnAHandMadeNetwork() {
        double[] f = StatNnFeatures.of(null, handMade());

        assertThat(StatNnFeatures.LENGTH).isEqualTo(76);
        assertThat(StatNnFeatures.NAMES).hasSize(76).doesNotHaveDuplicates();
        assertThat(f).hasSize(76);
        // mean, var, q0, q25, q50, q75, q100 (numpy linear quantiles, population variance)
        assertThat(group(f, "first_w")).containsExactly(2.5, 1.25, 1, 1.75, 2.5, 3.25, 4);
        assertThat(group(f, "first_b")).containsExactly(0.5, 0, 0.5, 0.5, 0.5, 0.5, 0.5);
        assertThat(group(f, "hidden_w")).containsOnly(0);
        assertThat(group(f, "hidden_b")).containsOnly(0);
        assertThat(group(f, "last_w")).containsExactly(-1, 0, -1, -1, -1, -1, -1);
        assertThat(group(f, "last_b")).containsExactly(2, 0, 2, 2, 2, 2, 2);
        double[] allW = group(f, "all_w");
        assertThat(allW[0]).isCloseTo(1.8, within(1e-12));
        assertThat(allW[1]).isCloseTo(2.96, within(1e-12));
        assertThat(java.util.Arrays.copyOfRange(allW, 2, 7)).containsExactly(-1, 1, 2, 3, 4);
        assertThat(group(f, "all_b")).containsExactly(1.25, 0.5625, 0.5, 0.875, 1.25, 1.625, 2);
        assertThat(group(f, "norm_g")).containsOnly(0);
        assertThat(group(f, "norm_b")).containsOnly(0);
        assertThat(scalar(f, "nan_count")).isEqualTo(1);
        assertThat(scalar(f, "inf_count")).isEqualTo(1);
        assertThat(scalar(f, "dense_layers")).isEqualTo(2);
        assertThat(scalar(f, "norm_layers")).isEqualTo(0);
        assertThat(scalar(f, "parameters")).isEqualTo(9);
        assertThat(scalar(f, "log10_parameters")).isEqualTo(Math.log10(9));
    }

    @Test
    void shouldGiveExactNaiveFeaturesOnAHandMadeNetwork() {
        double[] f = NaiveFeatures.of(null, handMade());

        assertThat(f).hasSize(NaiveFeatures.LENGTH).hasSize(8);
        assertThat(f).containsExactly(Math.sqrt(31), Math.sqrt(30), 1, Math.sqrt(4.25), Math.sqrt(35.25), 9, 2, 2.0 / 9);
    }

    @Test
    void shouldTakeFirstAndLastFromTheSpecOrderNotTheTensorNamesAndPoolNormParameters() {
        NetworkSpec spec = new Architecture(Family.RESIDUAL_MLP, 2, 6, "relu", false).spec(5, 3);
        Map<String, Tensor> tensors = randomTensors(spec, new Random(3));
        ParamGraph graph = GraphBuilder.withDefaults().build(spec, new MapTensorSource(tensors));
        // Alphabetical order would make block1_fc "first" and proj "last".
        double[] f = StatNnFeatures.of(graph, new TreeMap<>(tensors));

        assertThat(group(f, "first_w")).containsExactly(TensorStats.of(List.of(tensors.get("proj.weight"))).toArray());
        assertThat(group(f, "last_w")).containsExactly(TensorStats.of(List.of(tensors.get("out.weight"))).toArray());
        assertThat(group(f, "hidden_b")).containsExactly(
                TensorStats.of(List.of(tensors.get("block1_fc.bias"), tensors.get("block2_fc.bias"))).toArray());
        assertThat(group(f, "norm_g")).containsExactly(
                TensorStats.of(List.of(tensors.get("block1_norm.weight"), tensors.get("block2_norm.weight"))).toArray());
        assertThat(scalar(f, "dense_layers")).isEqualTo(4);
        assertThat(scalar(f, "norm_layers")).isEqualTo(2);
        assertThat(scalar(f, "parameters")).isEqualTo(graph.numParameters());
        // The tensors can also come from the graph's edges alone.
        assertThat(StatNnFeatures.of(graph, Map.of())).containsExactly(f);
    }

    @Test
    void shouldBeExactlyInvariantToPermutingHiddenNeurons() {
        NetworkSpec spec = new Architecture(Family.MLP, 3, 7, "relu", false).spec(5, 3);
        Map<String, Tensor> tensors = randomTensors(spec, new Random(11));
        Map<String, Tensor> permuted = new LinkedHashMap<>(tensors);
        Random random = new Random(5);
        // Permute the hidden neurons of fc1, fc2 and fc3: rows of W_i and b_i, columns of the next weight.
        String[] layers = {"fc1", "fc2", "fc3", "out"};
        for (int i = 0; i < 3; i++) {
            int[] p = Permutations.random(7, random);
            permuted.put(layers[i] + ".weight", permuteRows(permuted.get(layers[i] + ".weight"), p));
            permuted.put(layers[i] + ".bias", permuteRows(permuted.get(layers[i] + ".bias"), p));
            permuted.put(layers[i + 1] + ".weight", permuteColumns(permuted.get(layers[i + 1] + ".weight"), p));
        }
        assertThat(permuted.get("fc2.weight")).isNotEqualTo(tensors.get("fc2.weight"));
        GraphBuilder builder = GraphBuilder.withDefaults();
        ParamGraph g1 = builder.build(spec, new MapTensorSource(tensors));
        ParamGraph g2 = builder.build(spec, new MapTensorSource(permuted));

        assertThat(StatNnFeatures.of(g2, permuted)).containsExactly(StatNnFeatures.of(g1, tensors));
        double[] n1 = NaiveFeatures.of(g1, tensors);
        double[] n2 = NaiveFeatures.of(g2, permuted);
        for (int i = 0; i < n1.length; i++) {
            assertThat(n2[i]).isCloseTo(n1[i], within(1e-9 * Math.max(1, Math.abs(n1[i]))));
        }
    }

    static Map<String, Tensor> randomTensors(NetworkSpec spec, Random random) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (LayerSpec l : spec.layers()) {
            if (l instanceof LayerSpec.Linear lin) {
                out.put(lin.name() + ".weight", random(lin.name() + ".weight", new long[] {lin.outFeatures(), lin.inFeatures()}, random));
                out.put(lin.name() + ".bias", random(lin.name() + ".bias", new long[] {lin.outFeatures()}, random));
            } else if (l instanceof LayerSpec.LayerNorm ln) {
                long d = ln.normalizedShape().get(0);
                out.put(ln.name() + ".weight", random(ln.name() + ".weight", new long[] {d}, random));
                out.put(ln.name() + ".bias", random(ln.name() + ".bias", new long[] {d}, random));
            }
        }
        return out;
    }

    private static Tensor random(String name, long[] shape, Random random) {
        float[] v = new float[Math.toIntExact(Tensor.elementCount(shape))];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Tensor.f32(name, shape, v);
    }

    /** Row r of the result is row p[r] of t (rank 1 or 2). */
    private static Tensor permuteRows(Tensor t, int[] p) {
        int cols = t.rank() == 1 ? 1 : (int) t.dim(1);
        float[] v = new float[t.size()];
        for (int r = 0; r < p.length; r++) {
            System.arraycopy(t.values(), p[r] * cols, v, r * cols, cols);
        }
        return Tensor.f32(t.name(), t.shape(), v);
    }

    private static Tensor permuteColumns(Tensor t, int[] p) {
        int rows = (int) t.dim(0);
        int cols = (int) t.dim(1);
        float[] v = new float[t.size()];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                v[r * cols + c] = t.values()[r * cols + p[c]];
            }
        }
        return Tensor.f32(t.name(), t.shape(), v);
    }
}
