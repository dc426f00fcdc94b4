package io.gmnstream.operator.score;

/**
 * The most one forward pass may take: memory grows with the edges of a batch (several
 * [edges, hidden] float tensors), latency with both. A single graph above {@code maxEdges} is still
 * scored, alone, since a graph cannot be split.
 *
 * @param maxGraphs graphs per forward pass, at least 1
 * @param maxEdges  edges per forward pass (summed over its graphs), at least 1
 */
public record BatchBounds(int maxGraphs, long maxEdges) {
    /**
     * 64 graphs or 128k edges. On the CPU the cost per edge grows beyond ~100k edges per pass
     * (docs/BENCHMARKS.md, "GMN scoring": 16 digits MLPs, 77k edges, score twice as fast per graph
     * as 64, 308k edges), so larger batches buy nothing there; a GPU scorer may raise it.
     */
    public static final BatchBounds DEFAULT = new BatchBounds(64, 1L << 17);

    public BatchBounds {
        if (maxGraphs < 1) {
            throw new IllegalArgumentException("maxGraphs must be at least 1, got " + maxGraphs);
        }
        if (maxEdges < 1) {
            throw new IllegalArgumentException("maxEdges must be at least 1, got " + maxEdges);
        }
    }

    public BatchBounds withMaxGraphs(int graphs) {
        return new BatchBounds(graphs, maxEdges);
    }

    public BatchBounds withMaxEdges(long edges) {
        return new BatchBounds(maxGraphs, edges);
    }
}
