package io.gmnstream.launcher.run;

import static io.gmnstream.launcher.run.FileValues.duration;
import static io.gmnstream.launcher.run.FileValues.orDefault;
import static io.gmnstream.launcher.run.FileValues.validated;

import io.gmnstream.streamjobs.monitor.alerts.Severity;
import io.gmnstream.streamjobs.monitor.rules.RulesConfig;

/**
 * Turns the rules section into a {@link RulesConfig}: each setting the file leaves out keeps the
 * rule's default. A rule is built in one go, not setting by setting, because its checks relate its
 * settings (stagnation.escalationCheckpoints must exceed stagnation.checkpoints).
 */
final class RulesConfigs {
  private RulesConfigs() {}

  static RulesConfig from(MonitorSections.Rules rules) {
    RulesConfig defaults = RulesConfig.defaults();
    if (rules == null) {
      return defaults;
    }
    return new RulesConfig(
        nonFiniteWeights(rules.nonFiniteWeights(), defaults.nonFiniteWeights()),
        accuracyCollapse(rules.accuracyCollapse(), defaults.accuracyCollapse()),
        generalizationGap(rules.generalizationGap(), defaults.generalizationGap()),
        stagnation(rules.stagnation(), defaults.stagnation()),
        weightNormExplosion(rules.weightNormExplosion(), defaults.weightNormExplosion()),
        deadUnits(rules.deadUnits(), defaults.deadUnits()),
        staleRun(rules.staleRun(), defaults.staleRun()),
        belowPeers(rules.belowPeers(), defaults.belowPeers()));
  }

  private static RulesConfig.NonFiniteWeights nonFiniteWeights(MonitorSections.NonFiniteWeights r,
      RulesConfig.NonFiniteWeights d) {
    String key = "rules.nonFiniteWeights";
    return r == null ? d : validated(key, () -> new RulesConfig.NonFiniteWeights(
        orDefault(r.enabled(), d.enabled()), severity(key + ".severity", r.severity(), d.severity())));
  }

  private static RulesConfig.AccuracyCollapse accuracyCollapse(MonitorSections.AccuracyCollapse r,
      RulesConfig.AccuracyCollapse d) {
    String key = "rules.accuracyCollapse";
    return r == null ? d : validated(key, () -> new RulesConfig.AccuracyCollapse(
        orDefault(r.enabled(), d.enabled()), orDefault(r.minDrop(), d.minDrop()),
        severity(key + ".severity", r.severity(), d.severity())));
  }

  private static RulesConfig.GeneralizationGap generalizationGap(MonitorSections.GeneralizationGap r,
      RulesConfig.GeneralizationGap d) {
    String key = "rules.generalizationGap";
    return r == null ? d : validated(key, () -> new RulesConfig.GeneralizationGap(
        orDefault(r.enabled(), d.enabled()), orDefault(r.maxGap(), d.maxGap()),
        severity(key + ".severity", r.severity(), d.severity())));
  }

  private static RulesConfig.Stagnation stagnation(MonitorSections.Stagnation r, RulesConfig.Stagnation d) {
    String key = "rules.stagnation";
    return r == null ? d : validated(key, () -> new RulesConfig.Stagnation(
        orDefault(r.enabled(), d.enabled()), orDefault(r.checkpoints(), d.checkpoints()),
        orDefault(r.minImprovement(), d.minImprovement()), severity(key + ".severity", r.severity(), d.severity()),
        orDefault(r.escalationCheckpoints(), d.escalationCheckpoints()),
        severity(key + ".escalatedSeverity", r.escalatedSeverity(), d.escalatedSeverity())));
  }

  private static RulesConfig.WeightNormExplosion weightNormExplosion(MonitorSections.WeightNormExplosion r,
      RulesConfig.WeightNormExplosion d) {
    String key = "rules.weightNormExplosion";
    return r == null ? d : validated(key, () -> new RulesConfig.WeightNormExplosion(
        orDefault(r.enabled(), d.enabled()), orDefault(r.maxRatio(), d.maxRatio()),
        severity(key + ".severity", r.severity(), d.severity())));
  }

  private static RulesConfig.DeadUnits deadUnits(MonitorSections.DeadUnits r, RulesConfig.DeadUnits d) {
    String key = "rules.deadUnits";
    return r == null ? d : validated(key, () -> new RulesConfig.DeadUnits(
        orDefault(r.enabled(), d.enabled()), orDefault(r.maxFraction(), d.maxFraction()),
        severity(key + ".severity", r.severity(), d.severity())));
  }

  private static RulesConfig.StaleRun staleRun(MonitorSections.StaleRun r, RulesConfig.StaleRun d) {
    String key = "rules.staleRun";
    return r == null ? d : validated(key, () -> new RulesConfig.StaleRun(
        orDefault(r.enabled(), d.enabled()), orDefault(duration(key + ".after", r.after()), d.after()),
        severity(key + ".severity", r.severity(), d.severity()),
        orDefault(duration(key + ".scanInterval", r.scanInterval()), d.scanInterval()),
        orDefault(r.maxRunsPerScan(), d.maxRunsPerScan())));
  }

  private static RulesConfig.BelowPeers belowPeers(MonitorSections.BelowPeers r, RulesConfig.BelowPeers d) {
    String key = "rules.belowPeers";
    return r == null ? d : validated(key, () -> new RulesConfig.BelowPeers(
        orDefault(r.enabled(), d.enabled()), orDefault(r.maxBelowMedian(), d.maxBelowMedian()),
        orDefault(r.minPeers(), d.minPeers()), severity(key + ".severity", r.severity(), d.severity()),
        orDefault(r.maxRunsPerTask(), d.maxRunsPerTask())));
  }

  /** INFO, WARNING or CRITICAL in any case; the refusal names {@code key}. */
  private static Severity severity(String key, String text, Severity fallback) {
    return text == null ? fallback : Severity.parse(key, text);
  }
}
