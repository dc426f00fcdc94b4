package io.gmnstream.operator.gmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EdgeKindsTest {

    @Test
    void numbersKindsInOrderOfFirstAppearanceAndKeepsTheirCodes() {
        EdgeKinds kinds = new EdgeKinds(5);
        kinds.set(0, 1, 0, 1, 2, 0);
        kinds.set(1, 1, 0, 2, 2, 0);
        kinds.set(2, 1, 0, 1, 2, 0);
        kinds.set(3, 0, 3, 0, 0, 0);
        kinds.set(4, 1, 0, 2, 2, 0);

        assertThat(kinds.count()).isEqualTo(3);
        assertThat(kinds.edgeKind()).containsExactly(0, 1, 0, 2, 1);
        assertThat(kinds.component(0)).containsExactly(1, 1, 0);
        assertThat(kinds.component(1)).containsExactly(0, 0, 3);
        assertThat(kinds.component(2)).containsExactly(1, 2, 0);
        assertThat(kinds.component(3)).containsExactly(2, 2, 0);
        assertThat(kinds.component(4)).containsExactly(0, 0, 0);
    }

    /** A 3x3x3 kernel over 20 layers: 540 kinds, past every resize of the table, each kept apart. */
    @Test
    void keepsManyKindsApart() {
        int edges = 2 * 20 * 27;
        EdgeKinds kinds = new EdgeKinds(edges);
        int edge = 0;
        for (int repeat = 0; repeat < 2; repeat++) {
            for (int layer = 0; layer < 20; layer++) {
                for (int k = 0; k < 27; k++) {
                    kinds.set(edge++, 2, layer, 1 + k % 3, 1 + k / 3 % 3, 1 + k / 9);
                }
            }
        }

        assertThat(kinds.count()).isEqualTo(540);
        for (int e = 0; e < edges / 2; e++) {
            assertThat(kinds.edgeKind()[e]).isEqualTo(e);
            assertThat(kinds.edgeKind()[e + edges / 2]).isEqualTo(e);
        }
        assertThat(kinds.component(1)[539]).isEqualTo(19);
        assertThat(kinds.component(4)[539]).isEqualTo(3);
    }

    @Test
    void refusesCodesThatWouldCollide() {
        EdgeKinds kinds = new EdgeKinds(1);
        assertThatThrownBy(() -> kinds.set(0, 0, 1 << 15, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("edge 0: kind codes out of range");
        assertThatThrownBy(() -> kinds.set(0, 0, 0, 1 << 12, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
