package io.gmnstream.streamjobs.monitor.rules;

import static io.gmnstream.streamjobs.monitor.internal.ConfigChecks.check;
import static io.gmnstream.streamjobs.monitor.internal.ConfigChecks.requireAtLeast;
import static io.gmnstream.streamjobs.monitor.internal.ConfigChecks.requireInRange;
import static io.gmnstream.streamjobs.monitor.internal.ConfigChecks.requireNonNull;

import io.gmnstream.streamjobs.monitor.alerts.Severity;
import java.time.Duration;

/**
 * Thresholds and severities of every rule, one small validated record per rule. Keys in error
 * messages ({@code rules.<rule>.<setting>}) are the names config files will use.
 */
public record RulesConfig(NonFiniteWeights nonFiniteWeights, AccuracyCollapse accuracyCollapse,
    GeneralizationGap generalizationGap, Stagnation stagnation, WeightNormExplosion weightNormExplosion,
    DeadUnits deadUnits, StaleRun staleRun, BelowPeers belowPeers) {

  public RulesConfig {
    requireNonNull("rules.non_finite_weights", nonFiniteWeights);
    requireNonNull("rules.accuracy_collapse", accuracyCollapse);
    requireNonNull("rules.generalization_gap", generalizationGap);
    requireNonNull("rules.stagnation", stagnation);
    requireNonNull("rules.weight_norm_explosion", weightNormExplosion);
    requireNonNull("rules.dead_units", deadUnits);
    requireNonNull("rules.stale_run", staleRun);
    requireNonNull("rules.below_peers", belowPeers);
  }

  public static RulesConfig defaults() {
    return new RulesConfig(NonFiniteWeights.defaults(), AccuracyCollapse.defaults(), GeneralizationGap.defaults(),
        Stagnation.defaults(), WeightNormExplosion.defaults(), DeadUnits.defaults(), StaleRun.defaults(),
        BelowPeers.defaults());
  }

  public RulesConfig withNonFiniteWeights(NonFiniteWeights value) {
    return new RulesConfig(value, accuracyCollapse, generalizationGap, stagnation, weightNormExplosion, deadUnits,
        staleRun, belowPeers);
  }

  public RulesConfig withAccuracyCollapse(AccuracyCollapse value) {
    return new RulesConfig(nonFiniteWeights, value, generalizationGap, stagnation, weightNormExplosion, deadUnits,
        staleRun, belowPeers);
  }

  public RulesConfig withGeneralizationGap(GeneralizationGap value) {
    return new RulesConfig(nonFiniteWeights, accuracyCollapse, value, stagnation, weightNormExplosion, deadUnits,
        staleRun, belowPeers);
  }

  public RulesConfig withStagnation(Stagnation value) {
    return new RulesConfig(nonFiniteWeights, accuracyCollapse, generalizationGap, value, weightNormExplosion,
        deadUnits, staleRun, belowPeers);
  }

  public RulesConfig withWeightNormExplosion(WeightNormExplosion value) {
    return new RulesConfig(nonFiniteWeights, accuracyCollapse, generalizationGap, stagnation, value, deadUnits,
        staleRun, belowPeers);
  }

  public RulesConfig withDeadUnits(DeadUnits value) {
    return new RulesConfig(nonFiniteWeights, accuracyCollapse, generalizationGap, stagnation, weightNormExplosion,
        value, staleRun, belowPeers);
  }

  public RulesConfig withStaleRun(StaleRun value) {
    return new RulesConfig(nonFiniteWeights, accuracyCollapse, generalizationGap, stagnation, weightNormExplosion,
        deadUnits, value, belowPeers);
  }

  public RulesConfig withBelowPeers(BelowPeers value) {
    return new RulesConfig(nonFiniteWeights, accuracyCollapse, generalizationGap, stagnation, weightNormExplosion,
        deadUnits, staleRun, value);
  }

  /** non_finite_weights: any NaN or infinite parameter (or the scorer's flag saying so). */
  public record NonFiniteWeights(boolean enabled, Severity severity) {
    public NonFiniteWeights {
      requireNonNull("rules.non_finite_weights.severity", severity);
    }

    public static NonFiniteWeights defaults() {
      return new NonFiniteWeights(true, Severity.CRITICAL);
    }
  }

  /** accuracy_collapse: predicted accuracy at least {@code minDrop} below the run's best so far. */
  public record AccuracyCollapse(boolean enabled, double minDrop, Severity severity) {
    public AccuracyCollapse {
      check(minDrop > 0 && minDrop <= 1, "rules.accuracy_collapse.min_drop", "in (0, 1]", minDrop);
      requireNonNull("rules.accuracy_collapse.severity", severity);
    }

    public static AccuracyCollapse defaults() {
      return new AccuracyCollapse(true, 0.2, Severity.CRITICAL);
    }
  }

  /** generalization_gap: predicted generalisation gap above {@code maxGap}. */
  public record GeneralizationGap(boolean enabled, double maxGap, Severity severity) {
    public GeneralizationGap {
      check(maxGap > 0 && maxGap <= 1, "rules.generalization_gap.max_gap", "in (0, 1]", maxGap);
      requireNonNull("rules.generalization_gap.severity", severity);
    }

    public static GeneralizationGap defaults() {
      return new GeneralizationGap(true, 0.15, Severity.WARNING);
    }
  }

  /**
   * stagnation: the best predicted accuracy of the last {@code checkpoints} scores is not at least
   * {@code minImprovement} above the best before them; after {@code escalationCheckpoints} such
   * scores the severity becomes {@code escalatedSeverity}.
   */
  public record Stagnation(boolean enabled, int checkpoints, double minImprovement, Severity severity,
      int escalationCheckpoints, Severity escalatedSeverity) {
    public Stagnation {
      requireInRange("rules.stagnation.checkpoints", checkpoints, 1, 100_000);
      check(minImprovement >= 0 && minImprovement <= 1, "rules.stagnation.min_improvement", "in [0, 1]",
          minImprovement);
      requireNonNull("rules.stagnation.severity", severity);
      check(escalationCheckpoints > checkpoints && escalationCheckpoints <= 100_000,
          "rules.stagnation.escalation_checkpoints",
          "above rules.stagnation.checkpoints (" + checkpoints + ") and at most 100000", escalationCheckpoints);
      requireNonNull("rules.stagnation.escalated_severity", escalatedSeverity);
    }

    public static Stagnation defaults() {
      return new Stagnation(true, 10, 0.005, Severity.INFO, 20, Severity.WARNING);
    }
  }

  /** weight_norm_explosion: L2 norm of all weights grew more than {@code maxRatio} times since the last checkpoint. */
  public record WeightNormExplosion(boolean enabled, double maxRatio, Severity severity) {
    public WeightNormExplosion {
      check(maxRatio > 1 && Double.isFinite(maxRatio), "rules.weight_norm_explosion.max_ratio",
          "a finite ratio above 1", maxRatio);
      requireNonNull("rules.weight_norm_explosion.severity", severity);
    }

    public static WeightNormExplosion defaults() {
      return new WeightNormExplosion(true, 10.0, Severity.CRITICAL);
    }
  }

  /** dead_units: some layer has more than {@code maxFraction} of its units dead. */
  public record DeadUnits(boolean enabled, double maxFraction, Severity severity) {
    public DeadUnits {
      check(maxFraction >= 0 && maxFraction < 1, "rules.dead_units.max_fraction", "in [0, 1)", maxFraction);
      requireNonNull("rules.dead_units.severity", severity);
    }

    public static DeadUnits defaults() {
      return new DeadUnits(true, 0.5, Severity.WARNING);
    }
  }

  /**
   * stale_run: no score for longer than {@code after}, checked every {@code scanInterval} of stream
   * time and of wall time, looking at no more than {@code maxRunsPerScan} runs per check (the next
   * check goes on where the last one stopped).
   */
  public record StaleRun(boolean enabled, Duration after, Severity severity, Duration scanInterval,
      int maxRunsPerScan) {
    public StaleRun {
      requireAtLeast("rules.stale_run.after", after, Duration.ofSeconds(1));
      requireNonNull("rules.stale_run.severity", severity);
      requireAtLeast("rules.stale_run.scan_interval", scanInterval, Duration.ofMillis(100));
      requireInRange("rules.stale_run.max_runs_per_scan", maxRunsPerScan, 1, 10_000_000);
    }

    public static StaleRun defaults() {
      return new StaleRun(true, Duration.ofMinutes(5), Severity.WARNING, Duration.ofSeconds(30), 10_000);
    }
  }

  /**
   * below_peers: predicted accuracy more than {@code maxBelowMedian} below the median of the latest
   * predicted accuracies of at least {@code minPeers} other runs of the same task; at most
   * {@code maxRunsPerTask} runs of a task are remembered (the longest silent is forgotten first).
   */
  public record BelowPeers(boolean enabled, double maxBelowMedian, int minPeers, Severity severity,
      int maxRunsPerTask) {
    public BelowPeers {
      check(maxBelowMedian > 0 && maxBelowMedian <= 1, "rules.below_peers.max_below_median", "in (0, 1]",
          maxBelowMedian);
      requireInRange("rules.below_peers.min_peers", minPeers, 1, 10_000);
      requireNonNull("rules.below_peers.severity", severity);
      check(maxRunsPerTask > minPeers && maxRunsPerTask <= 100_000, "rules.below_peers.max_runs_per_task",
          "above rules.below_peers.min_peers (" + minPeers + ") and at most 100000", maxRunsPerTask);
    }

    public static BelowPeers defaults() {
      return new BelowPeers(true, 0.25, 3, Severity.WARNING, 1_000);
    }
  }
}
