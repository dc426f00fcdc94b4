package io.gmnstream.streamjobs.monitor.state;

import io.gmnstream.streamjobs.monitor.alerts.ActiveAlert;
import io.gmnstream.streamjobs.monitor.alerts.RuleName;
import io.gmnstream.streamjobs.monitor.alerts.Severity;
import io.gmnstream.streamjobs.monitor.query.RunHistory;
import io.gmnstream.streamjobs.monitor.query.RunSummary;
import io.gmnstream.streamjobs.monitor.query.ScorePoint;
import java.util.List;
import java.util.Map;

/** Maps a stored {@link RunState} to the query API's views of it. */
final class RunSummaries {

  static final String OK = "OK";
  static final String STALE = "STALE";

  private final int trendWindow;

  /** @param trendWindow the trend compares the latest score with the one this many scores earlier */
  RunSummaries(int trendWindow) {
    if (trendWindow < 1) {
      throw new IllegalArgumentException("trendWindow must be at least 1, got " + trendWindow);
    }
    this.trendWindow = trendWindow;
  }

  /** Whether the state has a score to summarise (a state is stored only once it has). */
  static boolean hasScores(RunState state) {
    return !state.history().isEmpty();
  }

  RunSummary summary(RunState state) {
    HistoryPoint latest = state.latest();
    List<String> alerts = state.activeAlerts().keySet().stream().sorted().toList();
    return new RunSummary(state.runId(), state.task(), latest.step(), latest.predictedTestAccuracy(),
        latest.predictedGeneralizationGap(), state.bestPredictedTestAccuracy(), state.bestStep(), trend(state),
        health(state.activeAlerts()), alerts, state.scores(), state.lastScoredAtMillis(),
        latest.measuredTestAccuracy());
  }

  RunHistory history(RunState state) {
    List<ScorePoint> points = state.history().stream()
        .map(p -> new ScorePoint(p.step(), p.predictedTestAccuracy(), p.predictedGeneralizationGap(),
            p.measuredTestAccuracy(), p.scoredAtMillis()))
        .toList();
    return new RunHistory(summary(state), points);
  }

  private double trend(RunState state) {
    List<HistoryPoint> history = state.history();
    int last = history.size() - 1;
    HistoryPoint earlier = history.get(Math.max(0, last - trendWindow));
    return history.get(last).predictedTestAccuracy() - earlier.predictedTestAccuracy();
  }

  /**
   * CRITICAL if any alert is; else STALE if the run stopped publishing (its other warnings matter
   * less than that); else WARNING if any alert is; else OK. INFO alerts leave a run OK.
   */
  private static String health(Map<String, ActiveAlert> alerts) {
    boolean stale = alerts.containsKey(RuleName.STALE_RUN.key());
    Severity highest = alerts.values().stream()
        .map(ActiveAlert::severity)
        .max(Enum::compareTo)
        .orElse(Severity.INFO);
    if (highest == Severity.CRITICAL) {
      return Severity.CRITICAL.name();
    }
    if (stale) {
      return STALE;
    }
    return highest == Severity.WARNING ? Severity.WARNING.name() : OK;
  }
}
