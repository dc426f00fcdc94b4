package io.gmnstream.operator.train;

import java.util.Arrays;
import java.util.Random;

/**
 * Seeded shuffling into mini-batches. Our own {@link Random} rather than a DJL sampler, so the order
 * depends only on the seed and the epoch sequence. The last batch may be smaller.
 */
final class BatchOrder {
    private final int size;
    private final int batchSize;
    private final Random random;

    BatchOrder(int size, int batchSize, long seed) {
        if (size < 1 || batchSize < 1) {
            throw new IllegalArgumentException("size and batchSize must be positive, got " + size + " and " + batchSize);
        }
        this.size = size;
        this.batchSize = batchSize;
        this.random = new Random(seed);
    }

    int batchesPerEpoch() {
        return (size + batchSize - 1) / batchSize;
    }

    /** The next epoch's batches: a fresh Fisher-Yates permutation cut into consecutive slices. */
    int[][] nextEpoch() {
        int[] order = Permutations.random(size, random);
        int[][] batches = new int[batchesPerEpoch()][];
        for (int b = 0; b < batches.length; b++) {
            batches[b] = Arrays.copyOfRange(order, b * batchSize, Math.min(size, (b + 1) * batchSize));
        }
        return batches;
    }
}
