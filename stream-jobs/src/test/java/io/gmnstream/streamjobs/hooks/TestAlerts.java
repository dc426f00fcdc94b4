package io.gmnstream.streamjobs.hooks;

import io.gmnstream.schemas.avro.AlertSeverity;
import io.gmnstream.schemas.avro.AlertStatus;
import io.gmnstream.schemas.avro.RunAlert;
import java.time.Instant;
import java.util.Map;

/** Alerts for tests. */
public final class TestAlerts {

  public static final Instant RAISED_AT = Instant.parse("2025-03-01T12:30:00Z");

  private TestAlerts() {}

  public static RunAlert alert(String alertId, AlertSeverity severity, AlertStatus status) {
    return RunAlert.newBuilder()
        .setAlertId(alertId)
        .setRunId("run-7")
        .setRule("accuracy_collapse")
        .setSeverity(severity)
        .setStatus(status)
        .setStep(1200)
        .setMessage("predicted accuracy fell to 0.12 < 0.5")
        .setEvidence(Map.of("predictedAccuracy", "0.12", "threshold", "0.5"))
        .setRaisedAtMillis(RAISED_AT)
        .build();
  }

  public static RunAlert critical(String alertId) {
    return alert(alertId, AlertSeverity.CRITICAL, AlertStatus.FIRING);
  }
}
