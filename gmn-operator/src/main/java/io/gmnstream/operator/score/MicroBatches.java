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

    /**
     * Splits {@code slice} into at most {@code parts} consecutive non-empty slices of about equal
     * edge counts, for scoring them side by side: part p ends at the graph boundary nearest to p/parts
     * of the slice's edges.
     */
    public static List<Slice> split(Slice slice, int parts, int[] edgesPerGraph) {
        Objects.requireNonNull(slice, "slice");
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1, got " + parts);
        }
        int count = Math.min(parts, slice.size());
        List<Slice> out = new ArrayList<>(count);
        int from = slice.from();
        long before = 0;
        for (int p = 1; p <= count; p++) {
            // Part p ends where the running edge count reaches p/count of the slice's edges, leaving
            // at least one graph for each part still to come.
            long target = slice.edges() * p / count;
            int to = from + 1;
            long edges = edgesPerGraph[from];
            int lastTo = slice.to() - (count - p);
            while (to < lastTo && before + edges + edgesPerGraph[to] / 2 <= target) {
                edges += edgesPerGraph[to++];
            }
            if (p == count) {
                while (to < slice.to()) {
                    edges += edgesPerGraph[to++];
                }
            }
            out.add(new Slice(from, to, edges));
            before += edges;
            from = to;
        }
        return out;
    }
}
