package io.gmnstream.paramgraph;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.tensor.MapTensorSource;
import io.gmnstream.paramgraph.tensor.Tensor;
import io.gmnstream.paramgraph.testing.Networks;
import io.gmnstream.paramgraph.testing.RandomTensors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Permuting hidden neurons of a real network must only relabel nodes of its graph: checked with the
 * known node map and with a permutation-invariant WL test, which must also see a non-symmetric change.
 */
class PermutationTest {
    private static final int WL_ROUNDS = 4;
    private final GraphBuilder builder = GraphBuilder.withDefaults();

    /** Tensors plus the node map old id -> new id that their permutation implies. */
    private static final class Permuted {
        final Map<String, Tensor> tensors;
        final int[] nodeMap;

        Permuted(Map<String, Tensor> tensors, int nodes) {
            this.tensors = new LinkedHashMap<>(tensors);
            this.nodeMap = Isomorphism.identity(nodes);
        }

        /** Permutes one axis of a tensor: new index j reads old index perm[j]. */
        Permuted axis(String name, int axis, int[] perm) {
            tensors.put(name, permuteAxis(tensors.get(name), axis, perm));
            return this;
        }

        /** Records that node range [start, start+n) is permuted: old node start+perm[j] is new node start+j. */
        Permuted nodes(NodeRange range, int[] perm) {
            for (int j = 0; j < perm.length; j++) {
                nodeMap[range.start() + perm[j]] = range.start() + j;
            }
            return this;
        }
    }

    @Test
    void mlpHiddenPermutationShouldOnlyRelabelNodes() {
        NetworkSpec spec = Networks.mlp64();
        Map<String, Tensor> t = tensors(spec, 21);
        ParamGraph g = build(spec, t);
        int[] pi = randomPermutation(32, new Random(1));

        Permuted p = new Permuted(t, g.numNodes()).axis("fc1.weight", 0, pi).axis("fc1.bias", 0, pi).axis("fc2.weight", 1, pi)
                .nodes(g.layer("fc1").output(), pi);

        assertIsomorphic(spec, g, p);
        assertNotIsomorphicAfter(spec, g, new Permuted(t, g.numNodes()).axis("fc1.weight", 0, pi).axis("fc1.bias", 0, pi));
    }

    @Test
    void cnnChannelPermutationShouldOnlyRelabelNodes() {
        NetworkSpec spec = Networks.smallCnnWithBatchNorm();
        Map<String, Tensor> t = tensors(spec, 22);
        ParamGraph g = build(spec, t);
        int[] pi = randomPermutation(8, new Random(2));

        Permuted p = new Permuted(t, g.numNodes()).axis("conv1.weight", 0, pi).axis("conv1.bias", 0, pi).axis("bn1.weight", 0, pi)
                .axis("bn1.bias", 0, pi).axis("conv2.weight", 1, pi).nodes(g.layer("conv1").output(), pi);

        assertIsomorphic(spec, g, p);
        assertNotIsomorphicAfter(spec, g, new Permuted(t, g.numNodes()).axis("conv1.weight", 0, pi).axis("conv1.bias", 0, pi)
                .axis("conv2.weight", 1, pi));
    }

    @Test
    void residualMlpStreamAndHiddenPermutationsShouldOnlyRelabelNodes() {
        NetworkSpec spec = Networks.residualMlp();
        Map<String, Tensor> t = tensors(spec, 23);
        ParamGraph g = build(spec, t);
        int[] sigma = randomPermutation(10, new Random(3));
        int[] pi = randomPermutation(20, new Random(4));

        // the residual stream (fc_in and fc_b outputs) moves as one; the block hidden moves on its own
        Permuted p = new Permuted(t, g.numNodes())
                .axis("fc_in.weight", 0, sigma).axis("fc_in.bias", 0, sigma).axis("ln.weight", 0, sigma).axis("ln.bias", 0, sigma)
                .axis("fc_a.weight", 1, sigma).axis("fc_a.weight", 0, pi).axis("fc_a.bias", 0, pi)
                .axis("fc_b.weight", 1, pi).axis("fc_b.weight", 0, sigma).axis("fc_b.bias", 0, sigma)
                .axis("fc_out.weight", 1, sigma)
                .nodes(g.layer("fc_in").output(), sigma).nodes(g.layer("fc_a").output(), pi).nodes(g.layer("fc_b").output(), sigma);

        assertIsomorphic(spec, g, p);
        assertNotIsomorphicAfter(spec, g, new Permuted(t, g.numNodes()).axis("fc_b.weight", 0, sigma).axis("fc_b.bias", 0, sigma));
    }

    @Test
    void attentionPermutationWithinAndAcrossHeadsShouldOnlyRelabelNodes() {
        for (boolean packed : new boolean[] {true, false}) {
            NetworkSpec spec = Networks.transformer(packed, false, false);
            Map<String, Tensor> t = tensors(spec, 24);
            ParamGraph g = build(spec, t);
            // 2 heads of 4: swap the heads and shuffle inside each
            int[] inHead = randomPermutation(4, new Random(5));
            int[] attn = new int[8];
            for (int j = 0; j < 4; j++) {
                attn[j] = 4 + inHead[j];
                attn[4 + j] = inHead[(j + 1) % 4];
            }
            int[] mlp = randomPermutation(16, new Random(6));

            Permuted p = new Permuted(t, g.numNodes());
            if (packed) {
                int[] rows = new int[24];
                for (int proj = 0; proj < 3; proj++) {
                    for (int j = 0; j < 8; j++) {
                        rows[proj * 8 + j] = proj * 8 + attn[j];
                    }
                }
                p.axis("attn.in_proj_weight", 0, rows).axis("attn.in_proj_bias", 0, rows);
            } else {
                for (String proj : List.of("q", "k", "v")) {
                    p.axis("attn." + proj + "_proj_weight", 0, attn).axis("attn." + proj + "_proj_bias", 0, attn);
                }
            }
            p.axis("attn.out_proj.weight", 1, attn)
                    .axis("mlp1.weight", 0, mlp).axis("mlp1.bias", 0, mlp).axis("mlp2.weight", 1, mlp)
                    .nodes(g.layer("attn").hidden(), attn).nodes(g.layer("mlp1").output(), mlp);

            assertIsomorphic(spec, g, p);
            assertNotIsomorphicAfter(spec, g, new Permuted(t, g.numNodes()).axis("attn.out_proj.weight", 1, attn));
        }
    }

    @Test
    void wlCheckShouldDetectASingleAlteredWeight() {
        NetworkSpec spec = Networks.smallCnn();
        Map<String, Tensor> t = tensors(spec, 25);
        ParamGraph g = build(spec, t);
        Map<String, Tensor> altered = new LinkedHashMap<>(t);
        Tensor w = t.get("conv2.weight");
        float[] v = w.values().clone();
        v[100] = Math.nextUp(v[100]);
        altered.put(w.name(), Tensor.f32(w.name(), w.shape(), v));

        assertThat(Isomorphism.wlHistogram(build(spec, altered), WL_ROUNDS)).isNotEqualTo(Isomorphism.wlHistogram(g, WL_ROUNDS));
    }

    private void assertIsomorphic(NetworkSpec spec, ParamGraph g, Permuted p) {
        ParamGraph h = build(spec, p.tensors);
        assertThat(h.numNodes()).isEqualTo(g.numNodes());
        assertThat(Isomorphism.nodeFeatures(g, p.nodeMap)).isEqualTo(Isomorphism.nodeFeatures(h, Isomorphism.identity(h.numNodes())));
        assertThat(Isomorphism.edgeMultiset(g, p.nodeMap)).isEqualTo(Isomorphism.edgeMultiset(h, Isomorphism.identity(h.numNodes())));
        assertThat(Isomorphism.wlHistogram(h, WL_ROUNDS)).isEqualTo(Isomorphism.wlHistogram(g, WL_ROUNDS));
        // the permutation really moved values: the graphs differ without the node map
        assertThat(Isomorphism.edgeMultiset(h, Isomorphism.identity(h.numNodes())))
                .isNotEqualTo(Isomorphism.edgeMultiset(g, Isomorphism.identity(g.numNodes())));
    }

    private void assertNotIsomorphicAfter(NetworkSpec spec, ParamGraph g, Permuted broken) {
        assertThat(Isomorphism.wlHistogram(build(spec, broken.tensors), WL_ROUNDS)).isNotEqualTo(Isomorphism.wlHistogram(g, WL_ROUNDS));
    }

    private ParamGraph build(NetworkSpec spec, Map<String, Tensor> tensors) {
        return builder.build(spec, new MapTensorSource(tensors));
    }

    private static Map<String, Tensor> tensors(NetworkSpec spec, long seed) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (Tensor t : RandomTensors.list(spec, seed)) {
            m.put(t.name(), t);
        }
        return m;
    }

    static int[] randomPermutation(int n, Random random) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        do {
            Collections.shuffle(l, random);
        } while (isIdentity(l));
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean isIdentity(List<Integer> l) {
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i) != i) {
                return false;
            }
        }
        return true;
    }

    static Tensor permuteAxis(Tensor t, int axis, int[] perm) {
        long[] shape = t.shape();
        int n = (int) shape[axis];
        assertThat(perm).hasSize(n);
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= (int) shape[i];
        }
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= (int) shape[i];
        }
        float[] src = t.values();
        float[] dst = new float[src.length];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < n; j++) {
                System.arraycopy(src, (o * n + perm[j]) * inner, dst, (o * n + j) * inner, inner);
            }
        }
        return new Tensor(t.name(), t.sourceType(), shape, dst);
    }
}
