package io.gmnstream.launcher.demo;

import io.gmnstream.pipeline.observe.OutputTally;
import io.gmnstream.pipeline.replay.RecordedRun;
import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.AlertStatus;
import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.RunAlert;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The demo's live line and its final summary. */
final class DemoSummary {
  private static final int RUNS_SHOWN = 8;
  private static final int ALERTS_SHOWN = 6;
  private static final String TEST_ACCURACY = "test_accuracy";

  private DemoSummary() {}

  static String liveLine(double seconds, long runs, long published, OutputTally.Snapshot s) {
    return String.format(Locale.ROOT,
        "%5.0fs  runs %4d  checkpoints %5d  scored %5d  dead letters %3d  alerts %3d  latency p50 %s p99 %s",
        seconds, runs, published, s.uniqueScores(), s.deadLetters(), s.alertsFiring(), millis(s.latencyP50Ms()),
        millis(s.latencyP99Ms()));
  }

  static void printFinal(PrintWriter out, double seconds, long runs, long published, OutputTally tally,
      List<RecordedRun> recorded) {
    OutputTally.Snapshot s = tally.snapshot();
    out.println();
    out.printf(Locale.ROOT, "Final summary after %.0f s%n", seconds);
    out.printf(Locale.ROOT, "  runs %d, checkpoints published %d, scored %d (%.1f per second)%n", runs, published,
        s.uniqueScores(), seconds > 0 ? s.uniqueScores() / seconds : 0.0);
    out.printf(Locale.ROOT, "  scored twice: %d, out of step order: %d (exactly once, read_committed)%n",
        s.duplicates(), s.outOfOrder());
    out.printf(Locale.ROOT, "  publish-to-score latency: p50 %s, p99 %s%n", millis(s.latencyP50Ms()),
        millis(s.latencyP99Ms()));
    out.printf(Locale.ROOT, "  dead letters: %d %s%n", s.deadLetters(), s.deadLettersByReason());
    out.printf(Locale.ROOT, "  scored on %s by %s%n", String.join(", ", s.devices()),
        String.join(", ", s.scoresByModelVersion().keySet()));
    out.printf(Locale.ROOT, "  alerts: %d firing, %d resolved %s%n", s.alertsFiring(), s.alertsResolved(),
        s.firingByRule());
    printLatestScores(out, tally.latestScores(), measuredAccuracy(recorded));
    printFiringAlerts(out, tally.latestAlerts());
    out.flush();
  }

  /** The alerts still firing at the end, most severe first: what an on-call hook would have been told. */
  private static void printFiringAlerts(PrintWriter out, List<RunAlert> latest) {
    List<RunAlert> firing = latest.stream().filter(a -> a.getStatus() == AlertStatus.FIRING)
        .sorted(Comparator.comparing(RunAlert::getSeverity).reversed().thenComparing(RunAlert::getRunId))
        .toList();
    if (firing.isEmpty()) {
      return;
    }
    out.println();
    out.printf(Locale.ROOT, "  %-30s %-22s %-9s %s%n", "run", "alert", "severity", "why");
    firing.stream().limit(ALERTS_SHOWN).forEach(a -> out.printf(Locale.ROOT, "  %-30s %-22s %-9s %s%n",
        a.getRunId(), a.getRule(), a.getSeverity(), a.getMessage()));
    if (firing.size() > ALERTS_SHOWN) {
      out.printf(Locale.ROOT, "  ... and %d more on the dashboard%n", firing.size() - ALERTS_SHOWN);
    }
  }

  /**
   * The latest score of a few recorded runs (whichever replay round scored it last) next to the test
   * accuracy the zoo measured for that checkpoint, best predicted first.
   */
  private static void printLatestScores(PrintWriter out, Map<String, GmnScore> latest, Map<String, Double> measured) {
    Map<String, GmnScore> byRecordedRun = new TreeMap<>();
    latest.values().forEach(g -> byRecordedRun.merge(baseRunId(g.getRunId()), g,
        (a, b) -> a.getStep() >= b.getStep() ? a : b));
    if (byRecordedRun.isEmpty()) {
      return;
    }
    out.println();
    out.printf(Locale.ROOT, "  %-30s %6s %10s %10s %9s  %s%n", "run", "step", "predicted", "measured", "gap", "flags");
    byRecordedRun.entrySet().stream()
        .sorted(Comparator.comparing((Map.Entry<String, GmnScore> e) -> e.getValue().getPredictedTestAccuracy())
            .reversed())
        .limit(RUNS_SHOWN)
        .forEach(e -> {
          GmnScore g = e.getValue();
          out.printf(Locale.ROOT, "  %-30s %6d %10.3f %10s %9.3f  %s%n", e.getKey(), g.getStep(),
              g.getPredictedTestAccuracy(), measuredText(measured.get(e.getKey() + "@" + g.getStep())),
              g.getPredictedGeneralizationGap(), g.getFlags().isEmpty() ? "-" : String.join(",", g.getFlags()));
        });
    out.println("  (predicted: the GMN's test accuracy from the weights alone; measured: on held-out digits;"
        + " gap: predicted train minus test accuracy)");
  }

  private static Map<String, Double> measuredAccuracy(List<RecordedRun> runs) {
    Map<String, Double> out = new HashMap<>();
    for (RecordedRun run : runs) {
      for (Checkpoint c : run.checkpoints()) {
        Double accuracy = c.getMetrics().get(TEST_ACCURACY);
        if (accuracy != null) {
          out.put(run.runId() + "@" + c.getStep(), accuracy);
        }
      }
    }
    return out;
  }

  /** The recorded run a replayed run came from: {@code zoo-...-000003-r2} -> {@code zoo-...-000003}. */
  static String baseRunId(CharSequence runId) {
    return runId.toString().replaceFirst("-r\\d+$", "");
  }

  private static String measuredText(Double accuracy) {
    return accuracy == null ? "-" : String.format(Locale.ROOT, "%.3f", accuracy);
  }

  private static String millis(double ms) {
    return Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, "%.0f ms", ms);
  }
}
