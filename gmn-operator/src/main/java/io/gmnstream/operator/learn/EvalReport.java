package io.gmnstream.operator.learn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluation of a predictor on a test list: metrics for test accuracy and for the generalisation
 * gap, overall and per family, plus the predictions themselves (same order as the test list).
 *
 * @param split            description of the split (e.g. {@code by-run test=0.200 seed=7})
 * @param accuracy         metrics of predicted vs measured test accuracy
 * @param gap              metrics of predicted vs measured generalisation gap
 * @param accuracyByFamily per family tag
 * @param gapByFamily      per family tag
 * @param keys             checkpoint keys ({@code runId@stepN}), in test-list order
 * @param predictedAccuracy predictions, in test-list order
 * @param predictedGap     predictions, in test-list order
 */
public record EvalReport(String split, RegressionMetrics accuracy, RegressionMetrics gap,
                         Map<String, RegressionMetrics> accuracyByFamily, Map<String, RegressionMetrics> gapByFamily,
                         List<String> keys, double[] predictedAccuracy, double[] predictedGap) {

    public EvalReport {
        accuracyByFamily = Map.copyOf(accuracyByFamily);
        gapByFamily = Map.copyOf(gapByFamily);
        keys = List.copyOf(keys);
    }

    /** Flat key/value figures for model metadata, e.g. {@code <prefix>.accuracy.tau}. */
    public Map<String, String> toMetadata(String prefix) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(prefix + ".split", split);
        put(m, prefix + ".accuracy", accuracy);
        put(m, prefix + ".gap", gap);
        new java.util.TreeMap<>(accuracyByFamily).forEach((f, r) -> put(m, prefix + ".accuracy." + f, r));
        new java.util.TreeMap<>(gapByFamily).forEach((f, r) -> put(m, prefix + ".gap." + f, r));
        return m;
    }

    private static void put(Map<String, String> m, String p, RegressionMetrics r) {
        m.put(p + ".n", Integer.toString(r.n()));
        m.put(p + ".tau", fmt(r.kendallTau()));
        m.put(p + ".r2", fmt(r.r2()));
        m.put(p + ".mae", fmt(r.mae()));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    /** A few human-readable lines. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("split ").append(split).append('\n');
        sb.append("  test accuracy: ").append(accuracy.format()).append('\n');
        new java.util.TreeMap<>(accuracyByFamily).forEach((f, r) -> sb.append("    ").append(f).append(": ").append(r.format()).append('\n'));
        sb.append("  generalisation gap: ").append(gap.format()).append('\n');
        new java.util.TreeMap<>(gapByFamily).forEach((f, r) -> sb.append("    ").append(f).append(": ").append(r.format()).append('\n'));
        return sb.toString();
    }
}
