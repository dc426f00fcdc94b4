package io.gmnstream.operator.score;

import io.gmnstream.paramgraph.ParamGraph;

/**
 * Non-finite edge values (NaN, infinities: a diverged run). The GMN cannot take them as input, so
 * they are replaced by 0, as {@code GmnFitter} does in training (its {@code zeroNonFinite} is
 * package-private; this is the same rule).
 */
final class NonFiniteValues {
    private NonFiniteValues() {
    }

    static int count(ParamGraph graph) {
        int n = 0;
        for (float v : graph.edgeValue()) {
            if (!Float.isFinite(v)) {
                n++;
            }
        }
        return n;
    }

    /** The same graph with every non-finite edge value replaced by 0; structure shared, values copied. */
    static ParamGraph zeroed(ParamGraph g) {
        float[] v = g.edgeValue().clone();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                v[i] = 0f;
            }
        }
        return new ParamGraph(g.nodeType(), g.nodeLayer(), g.nodePosition(), g.edgeSource(), g.edgeTarget(), v,
                g.edgeLayer(), g.edgeType(), g.edgePosition(), g.numParameters(), g.numResidualEdges(), g.layers());
    }
}
