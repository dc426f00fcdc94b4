package io.gmnstream.streamjobs.monitor.alerts;

import io.gmnstream.schemas.avro.AlertStatus;
import io.gmnstream.schemas.avro.RunAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a rule's verdicts into the alerts a person should see: FIRING when a rule starts firing,
 * again only when its severity changes or the re-alert interval has passed, and RESOLVED (same
 * alert id) when the condition clears. Pure: the caller keeps the {@link ActiveAlert} state.
 */
public final class AlertGate {

  private final Duration realertInterval;

  public AlertGate(Duration realertInterval) {
    this.realertInterval = Objects.requireNonNull(realertInterval, "realertInterval");
  }

  /**
   * @param active the alert firing for this run and rule before this verdict, if any
   * @param step the run's step the verdict is about
   * @param nowMillis wall time, for throttling and {@code raisedAtMillis}
   */
  public GateResult apply(String runId, RuleName rule, Optional<ActiveAlert> active, Verdict verdict, long step,
      long nowMillis) {
    Objects.requireNonNull(active, "active");
    if (verdict instanceof Verdict.Firing firing) {
      return onFiring(runId, rule, active, firing, step, nowMillis);
    }
    if (verdict instanceof Verdict.Clear) {
      return onClear(runId, rule, active, step, nowMillis);
    }
    return new GateResult(active, Optional.empty()); // NoData: nothing learnt, nothing changes
  }

  private GateResult onFiring(String runId, RuleName rule, Optional<ActiveAlert> active, Verdict.Firing firing,
      long step, long nowMillis) {
    if (active.isEmpty()) {
      ActiveAlert started = new ActiveAlert(ActiveAlert.alertId(runId, rule, step), firing.severity(), step, nowMillis);
      return published(started, alert(runId, rule, started.alertId(), firing.severity(), AlertStatus.FIRING, step,
          firing.message(), firing.evidence(), nowMillis));
    }
    ActiveAlert current = active.get();
    boolean severityChanged = current.severity() != firing.severity();
    boolean reminderDue = nowMillis - current.lastRaisedAtMillis() >= realertInterval.toMillis();
    if (!severityChanged && !reminderDue) {
      return new GateResult(active, Optional.empty());
    }
    ActiveAlert repeated = new ActiveAlert(current.alertId(), firing.severity(), current.firstStep(), nowMillis);
    return published(repeated, alert(runId, rule, current.alertId(), firing.severity(), AlertStatus.FIRING, step,
        firing.message(), firing.evidence(), nowMillis));
  }

  private GateResult onClear(String runId, RuleName rule, Optional<ActiveAlert> active, long step, long nowMillis) {
    if (active.isEmpty()) {
      return new GateResult(Optional.empty(), Optional.empty());
    }
    ActiveAlert ended = active.get();
    String message = rule.key() + " resolved at step " + step + " (firing since step " + ended.firstStep() + ")";
    RunAlert resolved = alert(runId, rule, ended.alertId(), ended.severity(), AlertStatus.RESOLVED, step, message,
        Map.of("firstStep", Long.toString(ended.firstStep())), nowMillis);
    return new GateResult(Optional.empty(), Optional.of(resolved));
  }

  private static GateResult published(ActiveAlert active, RunAlert alert) {
    return new GateResult(Optional.of(active), Optional.of(alert));
  }

  private static RunAlert alert(String runId, RuleName rule, String alertId, Severity severity, AlertStatus status,
      long step, String message, Map<String, String> evidence, long nowMillis) {
    return RunAlert.newBuilder()
        .setAlertId(alertId)
        .setRunId(runId)
        .setRule(rule.key())
        .setSeverity(severity.toAvro())
        .setStatus(status)
        .setStep(step)
        .setMessage(message)
        .setEvidence(evidence)
        .setRaisedAtMillis(Instant.ofEpochMilli(nowMillis))
        .build();
  }
}
