package io.gmnstream.operator.evaluate;

import io.gmnstream.operator.learn.EvalReport;
import io.gmnstream.operator.learn.RegressionMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The figures of a split as table rows, shared by the text and markdown renderings. */
final class MetricRows {
    static final String ACCURACY = "test accuracy";
    static final String GAP = "generalisation gap";
    static final String ALL = "all";

    /** One row: predictor, target, held-out runs (all or a family), n, tau, R^2, MAE. */
    record Row(String predictor, String target, String runs, RegressionMetrics metrics) {
        String[] cells() {
            return new String[] {predictor, target, runs, Integer.toString(metrics.n()), fmt(metrics.kendallTau()),
                    fmt(metrics.r2()), fmt(metrics.mae())};
        }
    }

    static final String[] HEADER = {"predictor", "target", "held-out runs", "n", "Kendall tau", "R^2", "MAE"};

    private MetricRows() {
    }

    /** Per predictor: test accuracy overall then per family, then the gap the same way. */
    static List<Row> of(SplitComparison split) {
        List<Row> rows = new ArrayList<>();
        for (PredictorReport p : split.predictors()) {
            EvalReport r = p.report();
            add(rows, p.name(), ACCURACY, r.accuracy(), r.accuracyByFamily());
            new TreeMap<>(p.accuracyByAgreement()).forEach((group, m) -> rows.add(new Row(p.name(), ACCURACY, group, m)));
            add(rows, p.name(), GAP, r.gap(), r.gapByFamily());
        }
        return rows;
    }

    private static void add(List<Row> rows, String predictor, String target, RegressionMetrics all,
                            Map<String, RegressionMetrics> byFamily) {
        rows.add(new Row(predictor, target, ALL, all));
        new TreeMap<>(byFamily).forEach((f, m) -> rows.add(new Row(predictor, target, f, m)));
    }

    /** Three decimals; an undefined figure is "n/a". */
    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.equals("-0.000") ? "0.000" : s;
    }

    /** What was tested and what was excluded, in words. */
    static List<String> describe(SplitComparison s, String zooHash) {
        List<String> lines = new ArrayList<>();
        String zoo = s.modelZooHash().isEmpty() ? "a zoo of unknown hash"
                : s.modelZooHash().equals(zooHash) ? "this zoo" : "another zoo (" + shortHash(s.modelZooHash()) + ")";
        lines.add("model split: " + s.description() + ", trained on " + zoo);
        lines.add(String.format(Locale.ROOT,
                "test set: %d checkpoints of %d runs, none of them among the model's %d training runs", s.testCheckpoints(),
                s.testRuns(), s.modelTrainRuns()));
        lines.add(String.format(Locale.ROOT,
                "excluded from the test set: %d runs of this zoo that the model trained on (%d of its training runs are not in this zoo)",
                s.trainRuns(), s.modelTrainRunsMissing()));
        String excluded = s.excludedTrain() + s.excludedTest() == 0 ? ""
                : String.format(Locale.ROOT, ", %d train and %d test checkpoints excluded", s.excludedTrain(), s.excludedTest());
        lines.add(String.format(Locale.ROOT,
                "baselines fitted on %d checkpoints of those %d training runs; non-finite weights (policy %s, the same for "
                        + "every predictor): %d train and %d test checkpoints zeroed%s",
                s.trainCheckpoints(), s.trainRuns(), s.nonFinite(), s.zeroedTrain(), s.zeroedTest(), excluded));
        s.notes().forEach(n -> lines.add("note: " + n));
        return lines;
    }

    static String shortHash(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }
}
