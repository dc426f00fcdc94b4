package io.gmnstream.paramgraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Graph comparisons for the permutation tests: with a known node map, and permutation-invariant (WL). */
final class Isomorphism {
    private Isomorphism() {
    }

    static int[] identity(int n) {
        int[] m = new int[n];
        for (int i = 0; i < n; i++) {
            m[i] = i;
        }
        return m;
    }

    /** Sorted edges with every feature, node ids renamed through {@code map}. */
    static List<String> edgeMultiset(ParamGraph g, int[] map) {
        List<String> out = new ArrayList<>(g.numEdges());
        short[] p = g.edgePosition();
        for (int e = 0; e < g.numEdges(); e++) {
            out.add(map[g.edgeSource()[e]] + ">" + map[g.edgeTarget()[e]] + ":" + Float.floatToRawIntBits(g.edgeValue()[e]) + ":"
                    + g.edgeLayer()[e] + ":" + g.edgeType()[e] + ":" + p[3 * e] + "," + p[3 * e + 1] + "," + p[3 * e + 2]);
        }
        Collections.sort(out);
        return out;
    }

    /** Node features listed in the order of the new ids: node n of {@code g} goes to {@code map[n]}. */
    static List<String> nodeFeatures(ParamGraph g, int[] map) {
        String[] out = new String[g.numNodes()];
        for (int n = 0; n < g.numNodes(); n++) {
            out[map[n]] = g.nodeType()[n] + ":" + g.nodeLayer()[n] + ":" + g.nodePosition()[n];
        }
        return Arrays.asList(out);
    }

    /**
     * Weisfeiler-Lehman colour refinement over node features and edge features (value bits, layer,
     * type, position), in and out edges apart; returns the sorted final colours. Equal for isomorphic
     * graphs without any node correspondence.
     */
    static long[] wlHistogram(ParamGraph g, int rounds) {
        int n = g.numNodes();
        long[] colour = new long[n];
        for (int i = 0; i < n; i++) {
            colour[i] = mix(mix(mix(17, g.nodeType()[i]), g.nodeLayer()[i]), g.nodePosition()[i]);
        }
        long[] edgeFeature = new long[g.numEdges()];
        short[] p = g.edgePosition();
        for (int e = 0; e < g.numEdges(); e++) {
            long h = mix(31, Float.floatToRawIntBits(g.edgeValue()[e]));
            h = mix(mix(h, g.edgeLayer()[e]), g.edgeType()[e]);
            edgeFeature[e] = mix(mix(mix(h, p[3 * e]), p[3 * e + 1]), p[3 * e + 2]);
        }
        List<List<Integer>> in = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            in.add(new ArrayList<>());
            out.add(new ArrayList<>());
        }
        for (int e = 0; e < g.numEdges(); e++) {
            in.get(g.edgeTarget()[e]).add(e);
            out.get(g.edgeSource()[e]).add(e);
        }
        for (int r = 0; r < rounds; r++) {
            long[] next = new long[n];
            for (int i = 0; i < n; i++) {
                long[] ins = new long[in.get(i).size()];
                for (int k = 0; k < ins.length; k++) {
                    int e = in.get(i).get(k);
                    ins[k] = mix(edgeFeature[e], colour[g.edgeSource()[e]]);
                }
                long[] outs = new long[out.get(i).size()];
                for (int k = 0; k < outs.length; k++) {
                    int e = out.get(i).get(k);
                    outs[k] = mix(edgeFeature[e], colour[g.edgeTarget()[e]]);
                }
                Arrays.sort(ins);
                Arrays.sort(outs);
                long h = mix(colour[i], 0x1234);
                for (long v : ins) {
                    h = mix(h, v);
                }
                h = mix(h, 0x5678);
                for (long v : outs) {
                    h = mix(h, v);
                }
                next[i] = h;
            }
            colour = next;
        }
        long[] sorted = colour.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    private static long mix(long h, long v) {
        long z = h * 0x9E3779B97F4A7C15L + v + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
