package io.gmnstream.streamjobs.monitor.rules;

import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.streamjobs.monitor.alerts.RuleName;
import io.gmnstream.streamjobs.monitor.alerts.Severity;
import io.gmnstream.streamjobs.monitor.alerts.Verdict;
import io.gmnstream.streamjobs.monitor.state.HistoryPoint;
import io.gmnstream.streamjobs.monitor.state.RunState;
import java.util.List;

/**
 * Fires when the last {@code checkpoints} scores did not raise the run's best predicted accuracy by
 * at least {@code minImprovement} over the best before them, and escalates after
 * {@code escalationCheckpoints} such scores. Comparing windows, not consecutive scores, means a slow
 * steady climb counts as progress. Judged on the stored history, which must be longer than the
 * escalation window (the topology config checks this).
 */
public final class StagnationRule implements ScoreRule {

  private final RulesConfig.Stagnation config;

  public StagnationRule(RulesConfig.Stagnation config) {
    this.config = config;
  }

  @Override
  public RuleName name() {
    return RuleName.STAGNATION;
  }

  @Override
  public Verdict evaluate(RunState state, GmnScore score) {
    List<HistoryPoint> history = state.history();
    if (stagnatedOver(history, config.escalationCheckpoints())) {
      return firing(state, config.escalationCheckpoints(), config.escalatedSeverity());
    }
    if (stagnatedOver(history, config.checkpoints())) {
      return firing(state, config.checkpoints(), config.severity());
    }
    return Verdict.CLEAR;
  }

  private boolean stagnatedOver(List<HistoryPoint> history, int window) {
    if (history.size() <= window) {
      return false;
    }
    int windowStart = history.size() - window;
    double bestBefore = best(history.subList(0, windowStart));
    double bestInWindow = best(history.subList(windowStart, history.size()));
    return bestInWindow < bestBefore + config.minImprovement();
  }

  private Verdict firing(RunState state, int window, Severity severity) {
    List<HistoryPoint> history = state.history();
    int windowStart = history.size() - window;
    double bestBefore = best(history.subList(0, windowStart));
    double bestInWindow = best(history.subList(windowStart, history.size()));
    String message = "Run " + state.runId() + " has not improved its predicted test accuracy by "
        + config.minImprovement() + " in " + window + " checkpoints (best " + Evidence.round(bestBefore)
        + " before step " + history.get(windowStart).step() + ", " + Evidence.round(bestInWindow) + " since)";
    return Verdict.firing(severity, message,
        Evidence.of("checkpoints", window)
            .and("sinceStep", history.get(windowStart).step())
            .and("bestBefore", bestBefore)
            .and("bestSince", bestInWindow)
            .and("minImprovement", config.minImprovement())
            .map());
  }

  private static double best(List<HistoryPoint> points) {
    return points.stream().mapToDouble(HistoryPoint::predictedTestAccuracy).max().orElse(Double.NaN);
  }
}
