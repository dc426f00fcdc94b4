package io.gmnstream.operator.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A {@link ComparisonReport} as aligned text tables for people. */
public final class ComparisonText {
    private ComparisonText() {
    }

    public static String render(ComparisonReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "zoo %s: %d run files, %d checkpoints; model %s (format %s)\n",
                MetricRows.shortHash(report.zooHash()), report.zooRunFiles(), report.zooCheckpoints(), report.modelVersion(),
                report.modelFormat()));
        for (SplitComparison s : report.splits()) {
            sb.append("\nsplit ").append(s.name()).append("\n");
            for (String line : MetricRows.describe(s, report.zooHash())) {
                sb.append("  ").append(line).append("\n");
            }
            sb.append("\n");
            List<String[]> rows = new ArrayList<>();
            rows.add(MetricRows.HEADER);
            MetricRows.of(s).forEach(r -> rows.add(r.cells()));
            table(sb, rows);
            if (Baselines.hasReferences(s)) {
                sb.append("  ").append(Baselines.REFERENCE_NOTE).append("\n");
            }
        }
        return sb.toString();
    }

    /** Left-aligned words, right-aligned numbers (columns 3..6). */
    private static void table(StringBuilder sb, List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < cols; c++) {
                String fmt = c < 3 ? "%-" + width[c] + "s" : "%" + width[c] + "s";
                line.append(String.format(Locale.ROOT, fmt, r[c]));
                if (c < cols - 1) {
                    line.append("  ");
                }
            }
            sb.append(line.toString().stripTrailing()).append("\n");
        }
    }
}
