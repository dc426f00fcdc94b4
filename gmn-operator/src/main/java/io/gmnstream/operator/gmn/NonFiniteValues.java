package io.gmnstream.operator.gmn;

import io.gmnstream.paramgraph.ParamGraph;

/**
 * Non-finite weights (NaN, infinities: a diverged run). The GMN cannot take them as input, so
 * training, evaluation and scoring replace them by 0 with this one rule.
 */
public final class NonFiniteValues {
    private NonFiniteValues() {
    }

    /** How many of {@code values} are NaN or infinite. */
    public static int count(float[] values) {
        int n = 0;
        for (float v : values) {
            if (!Float.isFinite(v)) {
                n++;
            }
        }
        return n;
    }

    /** True when no value is NaN or infinite (stops at the first that is). */
    public static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** A copy of {@code values} with every NaN or infinity replaced by 0. */
    public static float[] zeroed(float[] values) {
        float[] v = values.clone();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                v[i] = 0f;
            }
        }
        return v;
    }

    /** The same graph with every non-finite edge value replaced by 0; structure shared, values copied. */
    public static ParamGraph zeroed(ParamGraph g) {
        return g.withEdgeValues(zeroed(g.edgeValue()));
    }
}
