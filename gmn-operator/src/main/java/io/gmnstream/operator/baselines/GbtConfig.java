package io.gmnstream.operator.baselines;

/**
 * Settings of {@link GradientBoostedTrees}.
 *
 * @param numTrees       boosting rounds
 * @param maxDepth       depth limit of each tree (1 = stumps)
 * @param learningRate   shrinkage applied to each tree's output
 * @param subsample      fraction of rows (without replacement, seeded) each tree is fit on, in (0, 1]
 * @param minSamplesLeaf the fewest training rows a leaf may hold
 * @param maxBins        split candidates per feature (quantile bins of the training values), 2..65535
 * @param seed           seeds the row subsampling: same data + same config = same model
 */
public record GbtConfig(int numTrees, int maxDepth, double learningRate, double subsample, int minSamplesLeaf, int maxBins,
                        long seed) {
    public GbtConfig {
        check(numTrees >= 1, "numTrees", numTrees);
        check(maxDepth >= 1 && maxDepth <= 16, "maxDepth", maxDepth);
        check(learningRate > 0 && learningRate <= 1, "learningRate", learningRate);
        check(subsample > 0 && subsample <= 1, "subsample", subsample);
        check(minSamplesLeaf >= 1, "minSamplesLeaf", minSamplesLeaf);
        check(maxBins >= 2 && maxBins <= 65535, "maxBins", maxBins);
    }

    /** 300 trees of depth 4, learning rate 0.05, 80 % rows per tree, leaves of at least 5 rows, 64 bins, seed 42. */
    public static GbtConfig defaults() {
        return new GbtConfig(300, 4, 0.05, 0.8, 5, 64, 42L);
    }

    public GbtConfig withSeed(long seed) {
        return new GbtConfig(numTrees, maxDepth, learningRate, subsample, minSamplesLeaf, maxBins, seed);
    }

    public GbtConfig withTrees(int trees) {
        return new GbtConfig(trees, maxDepth, learningRate, subsample, minSamplesLeaf, maxBins, seed);
    }

    private static void check(boolean ok, String field, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("gbt config: invalid " + field + ": " + value);
        }
    }
}
