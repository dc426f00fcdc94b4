package io.gmnstream.operator.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits a list of graphs into consecutive micro-batches within {@link BatchBounds}. Consecutive
 * (not bin-packed) so that results come back in input order without bookkeeping and a stream keeps
 * its order; the price is some slack when graph sizes vary a lot.
 */
public final class MicroBatches {

    /** Graphs {@code [from, to)} of the input list form one forward pass of {@code edges} edges. */
    public record Slice(int from, int to, long edges) {
        public int size() {
            return to - from;
        }
    }

    private MicroBatches() {
    }

    /**
     * @param edgesPerGraph the edge count of each graph, in input order
     * @return slices covering every graph once, in order; each within the bounds, except that a
     *         graph larger than {@code maxEdges} forms a slice of its own
     */
    public static List<Slice> plan(int[] edgesPerGraph, BatchBounds bounds) {
        Objects.requireNonNull(edgesPerGraph, "edgesPerGraph");
        Objects.requireNonNull(bounds, "bounds");
        List<Slice> slices = new ArrayList<>();
        int from = 0;
        long edges = 0;
        for (int i = 0; i < edgesPerGraph.length; i++) {
            int e = edgesPerGraph[i];
            if (e < 0) {
                throw new IllegalArgumentException("graph " + i + " has a negative edge count " + e);
            }
            boolean full = i - from == bounds.maxGraphs() || edges + e > bounds.maxEdges();
            if (i > from && full) {
                slices.add(new Slice(from, i, edges));
                from = i;
                edges = 0;
            }
            edges += e;
        }
        if (from < edgesPerGraph.length) {
            slices.add(new Slice(from, edgesPerGraph.length, edges));
        }
        return slices;
    }
}
