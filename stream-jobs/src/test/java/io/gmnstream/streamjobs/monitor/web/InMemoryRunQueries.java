package io.gmnstream.streamjobs.monitor.web;

import io.gmnstream.streamjobs.monitor.query.RunHistory;
import io.gmnstream.streamjobs.monitor.query.RunQueries;
import io.gmnstream.streamjobs.monitor.query.RunSummary;
import io.gmnstream.streamjobs.monitor.query.ScorePoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs held in a map, in the order added (standing in for the monitor's state stores). */
final class InMemoryRunQueries implements RunQueries {

  private final Map<String, RunHistory> runs = new LinkedHashMap<>();

  InMemoryRunQueries with(RunHistory history) {
    runs.put(history.summary().runId(), history);
    return this;
  }

  @Override
  public List<RunSummary> runs() {
    return runs.values().stream().map(RunHistory::summary).toList();
  }

  @Override
  public Optional<RunHistory> run(String runId) {
    return Optional.ofNullable(runs.get(runId));
  }

  /** A run with two scored checkpoints, the second with a measured test accuracy. */
  static RunHistory history(String runId, String state, List<String> activeAlerts) {
    RunSummary summary = new RunSummary(runId, "cifar10", 200, 0.71, 0.04, 0.72, 150, 0.015, state, activeAlerts, 2,
        1_700_000_000_000L, 0.69);
    return new RunHistory(summary, List.of(
        new ScorePoint(100, 0.65, 0.03, null, 1_699_999_990_000L),
        new ScorePoint(200, 0.71, 0.04, 0.69, 1_700_000_000_000L)));
  }
}
