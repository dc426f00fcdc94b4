package io.gmnstream.streamjobs.monitor.alerts;

import java.util.Objects;

/**
 * An alert that is firing for a run and rule: what the gate remembers to de-duplicate and throttle,
 * and to resolve with the same id.
 *
 * @param alertId id of this episode of the alert, reused by its repeats and by its RESOLVED record
 * @param severity the severity last published
 * @param firstStep the step at which the episode began
 * @param lastRaisedAtMillis wall time at which the alert was last published
 */
public record ActiveAlert(String alertId, Severity severity, long firstStep, long lastRaisedAtMillis) {

  public ActiveAlert {
    Objects.requireNonNull(alertId, "alertId");
    Objects.requireNonNull(severity, "severity");
  }

  /** The id of the episode of {@code rule} for {@code runId} that begins at {@code step}. */
  public static String alertId(String runId, RuleName rule, long step) {
    return runId + "/" + rule.key() + "/" + step;
  }
}
