package io.gmnstream.operator.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MicroBatchesTest {

    @Test
    void slicesCoverEveryGraphInOrderWithinBothBounds() {
        int[] edges = {100, 100, 300, 50, 50, 50, 10, 390};
        BatchBounds bounds = new BatchBounds(3, 400);

        List<MicroBatches.Slice> slices = MicroBatches.plan(edges, bounds);

        assertEquals(List.of(new MicroBatches.Slice(0, 2, 200), new MicroBatches.Slice(2, 5, 400),
                new MicroBatches.Slice(5, 7, 60), new MicroBatches.Slice(7, 8, 390)), slices);
        int next = 0;
        for (MicroBatches.Slice s : slices) {
            assertEquals(next, s.from());
            assertTrue(s.size() <= bounds.maxGraphs() && s.edges() <= bounds.maxEdges(), s.toString());
            next = s.to();
        }
        assertEquals(edges.length, next);
    }

    @Test
    void graphLargerThanTheEdgeBoundGoesAlone() {
        List<MicroBatches.Slice> slices = MicroBatches.plan(new int[] {10, 5000, 10}, new BatchBounds(64, 1000));

        assertEquals(List.of(new MicroBatches.Slice(0, 1, 10), new MicroBatches.Slice(1, 2, 5000),
                new MicroBatches.Slice(2, 3, 10)), slices);
    }

    @Test
    void graphBoundAlone() {
        List<MicroBatches.Slice> slices = MicroBatches.plan(new int[] {1, 1, 1, 1, 1}, new BatchBounds(2, Long.MAX_VALUE));

        assertEquals(List.of(new MicroBatches.Slice(0, 2, 2), new MicroBatches.Slice(2, 4, 2),
                new MicroBatches.Slice(4, 5, 1)), slices);
    }

    @Test
    void emptyInputGivesNoSlice() {
        assertTrue(MicroBatches.plan(new int[0], BatchBounds.DEFAULT).isEmpty());
    }

    @Test
    void boundsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new BatchBounds(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new BatchBounds(1, 0));
    }
}
