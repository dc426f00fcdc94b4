package io.gmnstream.streamjobs.monitor.rules;

import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.streamjobs.monitor.alerts.RuleName;
import io.gmnstream.streamjobs.monitor.alerts.Verdict;
import io.gmnstream.streamjobs.monitor.state.RunState;
import java.util.Map;
import java.util.stream.Collectors;

/** Fires while some layer has more than {@code maxFraction} of its units dead. */
public final class DeadUnitsRule implements ScoreRule {

  private final RulesConfig.DeadUnits config;

  public DeadUnitsRule(RulesConfig.DeadUnits config) {
    this.config = config;
  }

  @Override
  public RuleName name() {
    return RuleName.DEAD_UNITS;
  }

  @Override
  public Verdict evaluate(RunState state, GmnScore score) {
    if (score.getWeightSummary() == null || score.getWeightSummary().getLayerDeadUnitFractions().isEmpty()) {
      return Verdict.NO_DATA;
    }
    Map<String, Double> fractions = score.getWeightSummary().getLayerDeadUnitFractions();
    Map.Entry<String, Double> worst = fractions.entrySet().stream()
        .max(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .orElseThrow();
    if (!(worst.getValue() > config.maxFraction())) {
      return Verdict.CLEAR;
    }
    String layersAbove = fractions.entrySet().stream()
        .filter(e -> e.getValue() > config.maxFraction())
        .map(Map.Entry::getKey)
        .sorted()
        .collect(Collectors.joining(","));
    String message = "Layer " + worst.getKey() + " of run " + state.runId() + " has "
        + Evidence.round(worst.getValue()) + " of its units dead at step " + score.getStep() + " (limit "
        + config.maxFraction() + ")";
    return Verdict.firing(config.severity(), message,
        Evidence.of("worstLayer", worst.getKey())
            .and("worstDeadFraction", worst.getValue())
            .and("layersAbove", layersAbove)
            .and("maxFraction", config.maxFraction())
            .map());
  }
}
