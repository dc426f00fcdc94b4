package io.gmnstream.operator.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;

/** Kendall tau (tau-b, Commons Math), R^2 and MAE, overall and per group (architecture family). */
public final class Metrics {
    private Metrics() {
    }

    public static RegressionMetrics of(double[] predicted, double[] actual) {
        check(predicted, actual);
        return new RegressionMetrics(actual.length, kendallTau(predicted, actual), r2(predicted, actual), mae(predicted, actual));
    }

    /** Kendall's tau-b; NaN with fewer than two pairs. */
    public static double kendallTau(double[] predicted, double[] actual) {
        check(predicted, actual);
        if (actual.length < 2) {
            return Double.NaN;
        }
        return new KendallsCorrelation().correlation(predicted, actual);
    }

    /** 1 - SS_res / SS_tot, with SS_tot around the mean of {@code actual}; NaN when {@code actual} is constant or empty. */
    public static double r2(double[] predicted, double[] actual) {
        check(predicted, actual);
        if (actual.length == 0) {
            return Double.NaN;
        }
        double mean = 0;
        for (double a : actual) {
            mean += a;
        }
        mean /= actual.length;
        double ssRes = 0;
        double ssTot = 0;
        for (int i = 0; i < actual.length; i++) {
            double r = actual[i] - predicted[i];
            double t = actual[i] - mean;
            ssRes += r * r;
            ssTot += t * t;
        }
        return ssTot == 0 ? Double.NaN : 1 - ssRes / ssTot;
    }

    /** Mean absolute error; NaN when empty. */
    public static double mae(double[] predicted, double[] actual) {
        check(predicted, actual);
        if (actual.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < actual.length; i++) {
            s += Math.abs(actual[i] - predicted[i]);
        }
        return s / actual.length;
    }

    /** Metrics per group label (sorted by label). */
    public static Map<String, RegressionMetrics> byGroup(List<String> groups, double[] predicted, double[] actual) {
        check(predicted, actual);
        if (groups.size() != actual.length) {
            throw new IllegalArgumentException("groups (" + groups.size() + ") and values (" + actual.length + ") differ in length");
        }
        Map<String, List<Integer>> index = new TreeMap<>();
        for (int i = 0; i < groups.size(); i++) {
            index.computeIfAbsent(groups.get(i), k -> new ArrayList<>()).add(i);
        }
        Map<String, RegressionMetrics> out = new TreeMap<>();
        index.forEach((g, idx) -> {
            double[] p = new double[idx.size()];
            double[] a = new double[idx.size()];
            for (int k = 0; k < p.length; k++) {
                p[k] = predicted[idx.get(k)];
                a[k] = actual[idx.get(k)];
            }
            out.put(g, of(p, a));
        });
        return out;
    }

    private static void check(double[] predicted, double[] actual) {
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(actual, "actual");
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException("predicted (" + predicted.length + ") and actual (" + actual.length
                    + ") differ in length");
        }
    }
}
