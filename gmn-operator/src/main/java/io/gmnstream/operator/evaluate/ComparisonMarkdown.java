package io.gmnstream.operator.evaluate;

import java.util.Locale;

/** A {@link ComparisonReport} as the markdown tables of docs/RESULTS.md: a summary per split, then every figure. */
public final class ComparisonMarkdown {
    private ComparisonMarkdown() {
    }

    public static String render(ComparisonReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Zoo hash `%s` (%d run files, %d checkpoints), model `%s` (format %s).\n",
                report.zooHash(), report.zooRunFiles(), report.zooCheckpoints(), report.modelVersion(), report.modelFormat()));
        for (SplitComparison s : report.splits()) {
            sb.append(String.format(Locale.ROOT, "\n### Split %s: %s\n", s.name(), s.description()));
            for (String line : MetricRows.describe(s, report.zooHash())) {
                sb.append("- ").append(line).append('\n');
            }
            sb.append('\n');
            summary(sb, s);
            if (Baselines.hasReferences(s)) {
                sb.append('\n').append(Baselines.REFERENCE_NOTE).append(".\n");
            }
            sb.append('\n');
            row(sb, MetricRows.HEADER);
            row(sb, new String[] {"---", "---", "---", "---", "---", "---", "---"});
            MetricRows.of(s).forEach(r -> row(sb, r.cells()));
        }
        return sb.toString();
    }

    /** One row per predictor: n and the overall figures for both targets. */
    private static void summary(StringBuilder sb, SplitComparison s) {
        row(sb, new String[] {"predictor", "n", "accuracy tau", "accuracy R^2", "accuracy MAE", "gap tau", "gap R^2", "gap MAE"});
        row(sb, new String[] {"---", "---", "---", "---", "---", "---", "---", "---"});
        for (PredictorReport p : s.predictors()) {
            var a = p.report().accuracy();
            var g = p.report().gap();
            row(sb, new String[] {p.name(), Integer.toString(a.n()), MetricRows.fmt(a.kendallTau()), MetricRows.fmt(a.r2()),
                    MetricRows.fmt(a.mae()), MetricRows.fmt(g.kendallTau()), MetricRows.fmt(g.r2()), MetricRows.fmt(g.mae())});
        }
    }

    private static void row(StringBuilder sb, String[] cells) {
        sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
