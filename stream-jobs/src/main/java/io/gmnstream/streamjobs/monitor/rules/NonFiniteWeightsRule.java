package io.gmnstream.streamjobs.monitor.rules;

import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.WeightSummary;
import io.gmnstream.streamjobs.monitor.alerts.RuleName;
import io.gmnstream.streamjobs.monitor.alerts.Verdict;
import io.gmnstream.streamjobs.monitor.state.RunState;

/**
 * Fires when a checkpoint has NaN or infinite weights, from the weight statistics or the scorer's
 * {@value #SCORER_FLAG} flag; a later finite checkpoint resolves it (the scorer always sets the
 * flag when it sees such weights, so its absence is evidence too).
 */
public final class NonFiniteWeightsRule implements ScoreRule {

  /** The flag the scorer raises on a graph with non-finite weights. */
  public static final String SCORER_FLAG = "non_finite_weights";

  private final RulesConfig.NonFiniteWeights config;

  public NonFiniteWeightsRule(RulesConfig.NonFiniteWeights config) {
    this.config = config;
  }

  @Override
  public RuleName name() {
    return RuleName.NON_FINITE_WEIGHTS;
  }

  @Override
  public Verdict evaluate(RunState state, GmnScore score) {
    WeightSummary weights = score.getWeightSummary();
    long nan = weights == null ? 0 : weights.getNanCount();
    long inf = weights == null ? 0 : weights.getInfCount();
    boolean flagged = score.getFlags().contains(SCORER_FLAG);
    if (nan + inf == 0 && !flagged) {
      return Verdict.CLEAR;
    }
    String message = "Run " + state.runId() + " has non-finite weights at step " + score.getStep() + " ("
        + nan + " NaN, " + inf + " infinite)";
    return Verdict.firing(config.severity(), message, Evidence.of("nanCount", nan).and("infCount", inf)
        .and("scorerFlag", flagged).map());
  }
}
