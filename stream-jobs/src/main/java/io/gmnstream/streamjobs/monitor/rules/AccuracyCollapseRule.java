package io.gmnstream.streamjobs.monitor.rules;

import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.streamjobs.monitor.alerts.RuleName;
import io.gmnstream.streamjobs.monitor.alerts.Verdict;
import io.gmnstream.streamjobs.monitor.state.HistoryPoint;
import io.gmnstream.streamjobs.monitor.state.RunState;

/** Fires while the latest predicted accuracy is at least {@code minDrop} below the run's best so far. */
public final class AccuracyCollapseRule implements ScoreRule {

  private final RulesConfig.AccuracyCollapse config;

  public AccuracyCollapseRule(RulesConfig.AccuracyCollapse config) {
    this.config = config;
  }

  @Override
  public RuleName name() {
    return RuleName.ACCURACY_COLLAPSE;
  }

  @Override
  public Verdict evaluate(RunState state, GmnScore score) {
    HistoryPoint latest = state.latest();
    double drop = state.bestPredictedTestAccuracy() - latest.predictedTestAccuracy();
    if (Double.isNaN(drop)) {
      return Verdict.NO_DATA;
    }
    if (drop < config.minDrop()) {
      return Verdict.CLEAR;
    }
    String message = "Predicted test accuracy of run " + state.runId() + " fell to "
        + Evidence.round(latest.predictedTestAccuracy()) + " at step " + latest.step() + ", "
        + Evidence.round(drop) + " below its best " + Evidence.round(state.bestPredictedTestAccuracy())
        + " (step " + state.bestStep() + ")";
    return Verdict.firing(config.severity(), message,
        Evidence.of("predictedTestAccuracy", latest.predictedTestAccuracy())
            .and("bestPredictedTestAccuracy", state.bestPredictedTestAccuracy())
            .and("bestStep", state.bestStep())
            .and("drop", drop)
            .and("minDrop", config.minDrop())
            .map());
  }
}
