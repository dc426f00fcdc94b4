package io.gmnstream.operator.baselines;

import java.util.Arrays;

/**
 * Per-feature split thresholds from the training values: midpoints between consecutive distinct
 * finite values, thinned to at most {@code maxBins - 1} at evenly spaced ranks. A value's bin is the
 * number of thresholds below it, so "bin <= b" is exactly "value <= threshold[b]"; NaN and +Inf fall
 * into the top bin (always right of a split), -Inf into bin 0, both at fit and predict time.
 */
final class FeatureBins {
    private final double[][] thresholds;

    private FeatureBins(double[][] thresholds) {
        this.thresholds = thresholds;
    }

    static FeatureBins fit(double[][] x, int maxBins) {
        int features = x[0].length;
        double[][] th = new double[features][];
        double[] column = new double[x.length];
        for (int f = 0; f < features; f++) {
            int n = 0;
            for (double[] row : x) {
                if (Double.isFinite(row[f])) {
                    column[n++] = row[f];
                }
            }
            double[] sorted = Arrays.copyOf(column, n);
            Arrays.sort(sorted);
            th[f] = thresholdsOf(sorted, maxBins);
        }
        return new FeatureBins(th);
    }

    private static double[] thresholdsOf(double[] sorted, int maxBins) {
        int n = sorted.length;
        double[] out = new double[Math.max(0, Math.min(n - 1, maxBins - 1))];
        int k = 0;
        double last = Double.NEGATIVE_INFINITY;
        for (int j = 1; j < maxBins && n > 1; j++) {
            // Cut before rank r: between sorted[r-1] and the next larger value.
            int r = (int) Math.min(n - 1, Math.max(1, Math.round((double) j * n / maxBins)));
            double below = sorted[r - 1];
            int up = r;
            while (up < n && sorted[up] == below) {
                up++;
            }
            if (up >= n) {
                continue;
            }
            double t = below + (sorted[up] - below) / 2;
            if (t > last && k < out.length) {
                out[k++] = t;
                last = t;
            }
        }
        return Arrays.copyOf(out, k);
    }

    int features() {
        return thresholds.length;
    }

    /** Number of bins of feature f (thresholds + 1). */
    int bins(int f) {
        return thresholds[f].length + 1;
    }

    double threshold(int f, int bin) {
        return thresholds[f][bin];
    }

    int bin(int f, double v) {
        if (Double.isNaN(v)) {
            return thresholds[f].length;
        }
        int i = Arrays.binarySearch(thresholds[f], v);
        // Equal to a threshold: bin i (value <= threshold[i]); else the insertion point.
        return i >= 0 ? i : -i - 1;
    }

    /** Column-major bin codes of a matrix: codes[f][row]. */
    int[][] binAll(double[][] x) {
        int[][] codes = new int[features()][x.length];
        for (int f = 0; f < features(); f++) {
            for (int r = 0; r < x.length; r++) {
                codes[f][r] = bin(f, x[r][f]);
            }
        }
        return codes;
    }
}
