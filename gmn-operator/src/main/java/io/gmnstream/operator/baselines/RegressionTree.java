package io.gmnstream.operator.baselines;

import java.util.Arrays;

/**
 * A depth-limited regression tree on squared loss, grown greedily on binned features: each split
 * maximises the reduction of the sum of squared errors, {@code S_L^2/n_L + S_R^2/n_R - S^2/n}; a
 * leaf predicts the mean target of its rows. Ties go to the lower feature index, then the lower
 * threshold, so growth is deterministic. Nodes live in flat arrays; a leaf has feature -1.
 */
final class RegressionTree {
    private static final double MIN_GAIN = 1e-12;

    private int[] feature = new int[16];
    private int[] splitBin = new int[16];
    private double[] threshold = new double[16];
    private int[] left = new int[16];
    private int[] right = new int[16];
    private double[] value = new double[16];
    private int size;

    private RegressionTree() {
    }

    /**
     * @param codes   column-major bin codes of all rows ({@code codes[f][row]})
     * @param target  targets of all rows
     * @param rows    the rows to fit on (reordered in place)
     */
    static RegressionTree fit(FeatureBins bins, int[][] codes, double[] target, int[] rows, int maxDepth, int minLeaf) {
        RegressionTree tree = new RegressionTree();
        tree.grow(bins, codes, target, rows, 0, rows.length, 0, maxDepth, minLeaf);
        tree.trim();
        return tree;
    }

    private int grow(FeatureBins bins, int[][] codes, double[] target, int[] rows, int from, int to, int depth, int maxDepth,
                     int minLeaf) {
        int node = newNode();
        int n = to - from;
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += target[rows[i]];
        }
        value[node] = n == 0 ? 0 : sum / n;
        if (depth >= maxDepth || n < 2 * minLeaf) {
            return node;
        }
        double parent = sum * sum / n;
        double bestGain = MIN_GAIN;
        int bestFeature = -1;
        int bestBin = -1;
        for (int f = 0; f < bins.features(); f++) {
            int nb = bins.bins(f);
            if (nb < 2) {
                continue;
            }
            double[] s = new double[nb];
            int[] c = new int[nb];
            int[] col = codes[f];
            for (int i = from; i < to; i++) {
                int r = rows[i];
                s[col[r]] += target[r];
                c[col[r]]++;
            }
            double sl = 0;
            int nl = 0;
            for (int b = 0; b < nb - 1; b++) {
                sl += s[b];
                nl += c[b];
                int nr = n - nl;
                if (nl < minLeaf) {
                    continue;
                }
                if (nr < minLeaf) {
                    break;
                }
                if (c[b] == 0) {
                    continue; // same partition as the previous threshold
                }
                double sr = sum - sl;
                double gain = sl * sl / nl + sr * sr / nr - parent;
                if (gain > bestGain) {
                    bestGain = gain;
                    bestFeature = f;
                    bestBin = b;
                }
            }
        }
        if (bestFeature < 0) {
            return node;
        }
        // Partition rows[from, to) into bin <= bestBin, then the rest (stable for determinism).
        int[] col = codes[bestFeature];
        int[] tmp = new int[n];
        int l = 0;
        for (int i = from; i < to; i++) {
            if (col[rows[i]] <= bestBin) {
                tmp[l++] = rows[i];
            }
        }
        int k = l;
        for (int i = from; i < to; i++) {
            if (col[rows[i]] > bestBin) {
                tmp[k++] = rows[i];
            }
        }
        System.arraycopy(tmp, 0, rows, from, n);
        feature[node] = bestFeature;
        splitBin[node] = bestBin;
        threshold[node] = bins.threshold(bestFeature, bestBin);
        int lc = grow(bins, codes, target, rows, from, from + l, depth + 1, maxDepth, minLeaf);
        int rc = grow(bins, codes, target, rows, from + l, to, depth + 1, maxDepth, minLeaf);
        left[node] = lc;
        right[node] = rc;
        return node;
    }

    private int newNode() {
        if (size == feature.length) {
            int cap = size * 2;
            feature = Arrays.copyOf(feature, cap);
            splitBin = Arrays.copyOf(splitBin, cap);
            threshold = Arrays.copyOf(threshold, cap);
            left = Arrays.copyOf(left, cap);
            right = Arrays.copyOf(right, cap);
            value = Arrays.copyOf(value, cap);
        }
        feature[size] = -1;
        return size++;
    }

    private void trim() {
        feature = Arrays.copyOf(feature, size);
        splitBin = Arrays.copyOf(splitBin, size);
        threshold = Arrays.copyOf(threshold, size);
        left = Arrays.copyOf(left, size);
        right = Arrays.copyOf(right, size);
        value = Arrays.copyOf(value, size);
    }

    /** Prediction on raw feature values: left when {@code x[f] <= threshold} (NaN goes right). */
    double predict(double[] x) {
        int node = 0;
        while (feature[node] >= 0) {
            node = x[feature[node]] <= threshold[node] ? left[node] : right[node];
        }
        return value[node];
    }

    /** Prediction on bin codes (the same result as {@link #predict} on the row's raw values). */
    double predictBinned(int[][] codes, int row) {
        int node = 0;
        while (feature[node] >= 0) {
            node = codes[feature[node]][row] <= splitBin[node] ? left[node] : right[node];
        }
        return value[node];
    }

    int nodes() {
        return size;
    }

    int depth() {
        return depth(0);
    }

    private int depth(int node) {
        return feature[node] < 0 ? 0 : 1 + Math.max(depth(left[node]), depth(right[node]));
    }
}
