package io.gmnstream.operator.baselines;

import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Gradient boosting of {@link RegressionTree}s on squared loss: start from the mean target, then
 * each round fits a depth-limited tree to the current residuals on a seeded subsample of the rows
 * and adds {@code learningRate} times its output. Deterministic: the same rows, targets and
 * {@link GbtConfig} give the same model. Rows with a non-finite target are rejected.
 */
public final class GradientBoostedTrees implements Regressor {
    private final double base;
    private final double learningRate;
    private final List<RegressionTree> trees;

    private GradientBoostedTrees(double base, double learningRate, List<RegressionTree> trees) {
        this.base = base;
        this.learningRate = learningRate;
        this.trees = List.copyOf(trees);
    }

    public static Trainer trainer(GbtConfig config) {
        Objects.requireNonNull(config, "config");
        return (x, y) -> fit(config, x, y);
    }

    public static GradientBoostedTrees fit(GbtConfig config, double[][] x, double[] y) {
        int n = Data.checkShape(x, y);
        double base = 0;
        for (double v : y) {
            base += v;
        }
        base /= n;
        FeatureBins bins = FeatureBins.fit(x, config.maxBins());
        int[][] codes = bins.binAll(x);
        double[] prediction = new double[n];
        java.util.Arrays.fill(prediction, base);
        double[] residual = new double[n];
        int sampleSize = Math.max(1, (int) Math.round(config.subsample() * n));
        Random random = new Random(config.seed());
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        RegressionTree[] trees = new RegressionTree[config.numTrees()];
        for (int t = 0; t < config.numTrees(); t++) {
            for (int i = 0; i < n; i++) {
                residual[i] = y[i] - prediction[i];
            }
            int[] rows = sample(all, sampleSize, random);
            RegressionTree tree = RegressionTree.fit(bins, codes, residual, rows, config.maxDepth(), config.minSamplesLeaf());
            for (int i = 0; i < n; i++) {
                prediction[i] += config.learningRate() * tree.predictBinned(codes, i);
            }
            trees[t] = tree;
        }
        return new GradientBoostedTrees(base, config.learningRate(), List.of(trees));
    }

    /** A partial Fisher-Yates shuffle of {@code all} (in place): its first {@code k} rows, sorted. */
    private static int[] sample(int[] all, int k, Random random) {
        if (k >= all.length) {
            return all.clone();
        }
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(all.length - i);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        int[] rows = java.util.Arrays.copyOf(all, k);
        java.util.Arrays.sort(rows);
        return rows;
    }

    @Override
    public double predict(double[] x) {
        double p = base;
        for (RegressionTree tree : trees) {
            p += learningRate * tree.predict(x);
        }
        return p;
    }

    public int numTrees() {
        return trees.size();
    }
}
