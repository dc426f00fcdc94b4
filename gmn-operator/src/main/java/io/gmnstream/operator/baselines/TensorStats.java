package io.gmnstream.operator.baselines;

import io.gmnstream.paramgraph.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * The StatNN statistics of a pool of values (one tensor or several pooled together), over the
 * finite values only: mean, population variance (divide by n) and the 0/25/50/75/100 % quantiles
 * with linear interpolation between order statistics (numpy's default: position q * (n - 1)).
 * NaN and +-Inf values are counted, not used. An empty pool (or one with no finite value) gives
 * seven zeros.
 *
 * <p>All sums run over the sorted values, so the result depends only on the multiset of values:
 * permuting a tensor's elements (e.g. hidden neurons) gives bit-identical statistics.
 */
public record TensorStats(double mean, double variance, double q0, double q25, double q50, double q75, double q100,
                          long finiteCount, long nanCount, long infCount) {
    public static final int STATS = 7;
    public static final List<String> STAT_NAMES = List.of("mean", "var", "q0", "q25", "q50", "q75", "q100");

    public static TensorStats of(List<Tensor> pool) {
        long total = 0;
        for (Tensor t : pool) {
            total += t.size();
        }
        double[] finite = new double[Math.toIntExact(total)];
        int n = 0;
        long nan = 0;
        long inf = 0;
        for (Tensor t : pool) {
            for (float v : t.values()) {
                if (Float.isNaN(v)) {
                    nan++;
                } else if (Float.isInfinite(v)) {
                    inf++;
                } else {
                    finite[n++] = v;
                }
            }
        }
        return ofFinite(Arrays.copyOf(finite, n), nan, inf);
    }

    /** Sorts {@code finite} in place. */
    static TensorStats ofFinite(double[] finite, long nan, long inf) {
        int n = finite.length;
        if (n == 0) {
            return new TensorStats(0, 0, 0, 0, 0, 0, 0, 0, nan, inf);
        }
        Arrays.sort(finite);
        double sum = 0;
        for (double v : finite) {
            sum += v;
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : finite) {
            double d = v - mean;
            ss += d * d;
        }
        return new TensorStats(mean, ss / n, quantile(finite, 0), quantile(finite, 0.25), quantile(finite, 0.5),
                quantile(finite, 0.75), quantile(finite, 1), n, nan, inf);
    }

    /** Linear interpolation on sorted values (numpy "linear"). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        return frac == 0 ? sorted[lo] : sorted[lo] + frac * (sorted[hi] - sorted[lo]);
    }

    /** The seven statistics in {@link #STAT_NAMES} order. */
    public double[] toArray() {
        return new double[] {mean, variance, q0, q25, q50, q75, q100};
    }

    /** Sum of squares of the finite values, for norms. */
    public static double sumOfSquares(List<Tensor> pool) {
        double s = 0;
        for (Tensor t : pool) {
            for (float v : t.values()) {
                if (Float.isFinite(v)) {
                    s += (double) v * v;
                }
            }
        }
        return s;
    }
}
