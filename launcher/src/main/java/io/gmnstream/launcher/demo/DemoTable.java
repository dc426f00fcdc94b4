package io.gmnstream.launcher.demo;

import io.gmnstream.paramgraph.ParamGraph;
import java.util.Locale;

/** Fixed-width rows of the demo's summary table. */
final class DemoTable {
  private static final String FORMAT = "%-46s %-22s %8s %10s %11s %9s %10s";

  private DemoTable() {}

  static String header(String first, String second) {
    return String.format(Locale.ROOT, FORMAT, first, second, "nodes", "edges", "parameters", "residual", "build ms");
  }

  static String row(String label, String format, ParamGraph graph, double millis) {
    return String.format(Locale.ROOT, FORMAT, label, format,
        String.format(Locale.ROOT, "%,d", graph.numNodes()),
        String.format(Locale.ROOT, "%,d", graph.numEdges()),
        String.format(Locale.ROOT, "%,d", graph.numParameters()),
        String.format(Locale.ROOT, "%,d", graph.numResidualEdges()),
        String.format(Locale.ROOT, "%.2f", millis));
  }

  static String failedRow(String label, String second, String reason) {
    return String.format(Locale.ROOT, "%-46s %-22s refused %s", label, second, reason);
  }
}
