package io.gmnstream.streamjobs.monitor.rules;

import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.streamjobs.monitor.alerts.RuleName;
import io.gmnstream.streamjobs.monitor.alerts.Verdict;
import io.gmnstream.streamjobs.monitor.state.RunState;
import io.gmnstream.streamjobs.monitor.state.WeightSnapshot;

/**
 * Fires when the L2 norm of all weights grew more than {@code maxRatio} times between two
 * consecutive checkpoints with weight statistics; the next checkpoint that does not grow that much
 * resolves it. Non-finite norms are left to non_finite_weights.
 */
public final class WeightNormExplosionRule implements ScoreRule {

  private final RulesConfig.WeightNormExplosion config;

  public WeightNormExplosionRule(RulesConfig.WeightNormExplosion config) {
    this.config = config;
  }

  @Override
  public RuleName name() {
    return RuleName.WEIGHT_NORM_EXPLOSION;
  }

  @Override
  public Verdict evaluate(RunState state, GmnScore score) {
    WeightSnapshot latest = state.latestWeights();
    WeightSnapshot previous = state.previousWeights();
    if (score.getWeightSummary() == null || previous == null
        || !Double.isFinite(latest.l2Norm()) || !Double.isFinite(previous.l2Norm()) || previous.l2Norm() <= 0) {
      return Verdict.NO_DATA;
    }
    double ratio = latest.l2Norm() / previous.l2Norm();
    if (ratio <= config.maxRatio()) {
      return Verdict.CLEAR;
    }
    String message = "Weight L2 norm of run " + state.runId() + " grew " + Evidence.round(ratio) + "x from step "
        + previous.step() + " to step " + latest.step() + " (limit " + config.maxRatio() + "x)";
    return Verdict.firing(config.severity(), message,
        Evidence.of("l2Norm", latest.l2Norm())
            .and("previousL2Norm", previous.l2Norm())
            .and("previousStep", previous.step())
            .and("ratio", ratio)
            .and("maxRatio", config.maxRatio())
            .map());
  }
}
