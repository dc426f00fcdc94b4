package io.gmnstream.operator.score;

/**
 * Told about every forward pass of {@link Scorer#score(java.util.List, BatchListener)}: for
 * metrics and benchmarks, which need batch building and the forward pass timed separately.
 */
@FunctionalInterface
public interface BatchListener {
    BatchListener NONE = stats -> { };

    void onBatch(BatchStats stats);

    /**
     * @param graphs       graphs in the forward pass
     * @param nodes        nodes, summed over its graphs
     * @param edges        edges, summed over its graphs
     * @param buildNanos   packing the graphs into tensors (non-finite handling included)
     * @param forwardNanos the forward pass, copying the results back to Java and freeing the batch
     */
    record BatchStats(int graphs, long nodes, long edges, long buildNanos, long forwardNanos) {
    }
}
