package io.gmnstream.streamjobs.monitor.alerts;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The monitor's rules. {@link #key()} is the stable snake_case name written to
 * {@code RunAlert.rule} and used as a JSON and config key: never rename one.
 */
public enum RuleName {
  NON_FINITE_WEIGHTS("non_finite_weights"),
  ACCURACY_COLLAPSE("accuracy_collapse"),
  GENERALIZATION_GAP("generalization_gap"),
  STAGNATION("stagnation"),
  WEIGHT_NORM_EXPLOSION("weight_norm_explosion"),
  DEAD_UNITS("dead_units"),
  STALE_RUN("stale_run"),
  BELOW_PEERS("below_peers");

  private final String key;

  RuleName(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static RuleName fromKey(String key) {
    for (RuleName rule : values()) {
      if (rule.key.equals(key)) {
        return rule;
      }
    }
    throw new IllegalArgumentException("Unknown rule '" + key + "': must be one of "
        + Arrays.stream(values()).map(RuleName::key).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return key;
  }
}
