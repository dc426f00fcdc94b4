package io.gmnstream.streamjobs.monitor.rules;

import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.streamjobs.monitor.alerts.RuleName;
import io.gmnstream.streamjobs.monitor.alerts.Verdict;
import io.gmnstream.streamjobs.monitor.state.HistoryPoint;
import io.gmnstream.streamjobs.monitor.state.RunState;

/** Fires while the predicted generalisation gap is above {@code maxGap}. */
public final class GeneralizationGapRule implements ScoreRule {

  private final RulesConfig.GeneralizationGap config;

  public GeneralizationGapRule(RulesConfig.GeneralizationGap config) {
    this.config = config;
  }

  @Override
  public RuleName name() {
    return RuleName.GENERALIZATION_GAP;
  }

  @Override
  public Verdict evaluate(RunState state, GmnScore score) {
    HistoryPoint latest = state.latest();
    double gap = latest.predictedGeneralizationGap();
    if (Double.isNaN(gap)) {
      return Verdict.NO_DATA;
    }
    if (gap <= config.maxGap()) {
      return Verdict.CLEAR;
    }
    String message = "Predicted generalization gap of run " + state.runId() + " is " + Evidence.round(gap)
        + " at step " + latest.step() + ", above " + config.maxGap();
    return Verdict.firing(config.severity(), message,
        Evidence.of("predictedGeneralizationGap", gap).and("maxGap", config.maxGap()).map());
  }
}
