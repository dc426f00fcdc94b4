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

    @Test
    void splitGivesConsecutivePartsOfAboutEqualEdges() {
        int[] edges = {100, 100, 100, 100, 400, 100, 100};
        MicroBatches.Slice slice = new MicroBatches.Slice(0, 7, 1000);

        // Cuts at the graph boundaries nearest to 1/3 and 2/3 of the edges (333 and 667).
        assertEquals(List.of(new MicroBatches.Slice(0, 3, 300), new MicroBatches.Slice(3, 5, 500),
                new MicroBatches.Slice(5, 7, 200)), MicroBatches.split(slice, 3, edges));
        assertEquals(List.of(new MicroBatches.Slice(0, 4, 400), new MicroBatches.Slice(4, 7, 600)),
                MicroBatches.split(slice, 2, edges));
        assertEquals(List.of(slice), MicroBatches.split(slice, 1, edges));
    }

    @Test
    void splitNeverMakesMorePartsThanGraphsNorAnEmptyOne() {
        int[] edges = {5, 1000, 5};
        MicroBatches.Slice slice = new MicroBatches.Slice(1, 3, 1005);

        assertEquals(List.of(new MicroBatches.Slice(1, 2, 1000), new MicroBatches.Slice(2, 3, 5)),
                MicroBatches.split(slice, 4, edges));
        assertEquals(List.of(new MicroBatches.Slice(0, 1, 5), new MicroBatches.Slice(1, 2, 1000),
                new MicroBatches.Slice(2, 3, 5)), MicroBatches.split(new MicroBatches.Slice(0, 3, 1010), 3, edges));
        assertThrows(IllegalArgumentException.class, () -> MicroBatches.split(slice, 0, edges));
    }
}
