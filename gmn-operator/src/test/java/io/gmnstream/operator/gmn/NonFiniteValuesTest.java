package io.gmnstream.operator.gmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.paramgraph.ParamGraph;
import java.util.List;
import org.junit.jupiter.api.Test;

class NonFiniteValuesTest {
    private static final float[] MIXED = {1.5f, Float.NaN, Float.NEGATIVE_INFINITY, -2f, Float.POSITIVE_INFINITY};

    @Test
    void shouldCountAndDetectNaNAndInfinities() {
        assertThat(NonFiniteValues.count(MIXED)).isEqualTo(3);
        assertThat(NonFiniteValues.allFinite(MIXED)).isFalse();
        assertThat(NonFiniteValues.count(new float[] {0f, -1f, Float.MAX_VALUE})).isZero();
        assertThat(NonFiniteValues.allFinite(new float[] {0f, -1f, Float.MAX_VALUE})).isTrue();
        assertThat(NonFiniteValues.allFinite(new float[0])).isTrue();
    }

    @Test
    void shouldZeroACopyOfTheValues() {
        float[] input = MIXED.clone();
        assertThat(NonFiniteValues.zeroed(input)).containsExactly(1.5f, 0f, 0f, -2f, 0f);
        assertThat(input).as("input untouched").containsExactly(MIXED);
    }

    @Test
    void shouldZeroNonFiniteEdgeValuesAndKeepEverythingElse() {
        ParamGraph g = new ParamGraph(new byte[] {0, 0}, new short[] {0, 1}, new int[] {0, 0}, new int[] {0, 0, 1},
                new int[] {1, 1, 0}, new float[] {1.5f, Float.NaN, Float.NEGATIVE_INFINITY}, new short[] {0, 0, 0},
                new byte[] {0, 0, 0}, new short[9], 3, 0, List.of());
        ParamGraph z = NonFiniteValues.zeroed(g);
        assertThat(z.edgeValue()).containsExactly(1.5f, 0f, 0f);
        assertThat(z.edgeSource()).isEqualTo(g.edgeSource());
        assertThat(z.numEdges()).isEqualTo(3);
        assertThat(g.edgeValue()[1]).isNaN();
    }
}
