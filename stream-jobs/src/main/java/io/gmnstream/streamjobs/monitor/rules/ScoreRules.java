package io.gmnstream.streamjobs.monitor.rules;

import java.util.ArrayList;
import java.util.List;

/** The score rules a configuration enables. */
public final class ScoreRules {

  private ScoreRules() {}

  public static List<ScoreRule> enabled(RulesConfig config) {
    List<ScoreRule> rules = new ArrayList<>();
    if (config.nonFiniteWeights().enabled()) {
      rules.add(new NonFiniteWeightsRule(config.nonFiniteWeights()));
    }
    if (config.accuracyCollapse().enabled()) {
      rules.add(new AccuracyCollapseRule(config.accuracyCollapse()));
    }
    if (config.generalizationGap().enabled()) {
      rules.add(new GeneralizationGapRule(config.generalizationGap()));
    }
    if (config.stagnation().enabled()) {
      rules.add(new StagnationRule(config.stagnation()));
    }
    if (config.weightNormExplosion().enabled()) {
      rules.add(new WeightNormExplosionRule(config.weightNormExplosion()));
    }
    if (config.deadUnits().enabled()) {
      rules.add(new DeadUnitsRule(config.deadUnits()));
    }
    return List.copyOf(rules);
  }
}
