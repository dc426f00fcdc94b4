package io.gmnstream.streamjobs.monitor.web.internal;

import io.gmnstream.schemas.avro.RunAlert;
import java.util.Map;
import java.util.TreeMap;

/** An alert as {@code /api/alerts} and the {@code event: alert} stream show it. */
public record AlertView(String alertId, String runId, String rule, String severity, String status, long step,
                        String message, Map<String, String> evidence, long raisedAtMillis) {

  public static AlertView of(RunAlert alert) {
    return new AlertView(alert.getAlertId(), alert.getRunId(), alert.getRule(), alert.getSeverity().name(),
        alert.getStatus().name(), alert.getStep(), alert.getMessage(), new TreeMap<>(alert.getEvidence()),
        alert.getRaisedAtMillis().toEpochMilli());
  }
}
