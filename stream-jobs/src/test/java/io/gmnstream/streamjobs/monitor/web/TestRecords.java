package io.gmnstream.streamjobs.monitor.web;

import io.gmnstream.schemas.avro.AlertSeverity;
import io.gmnstream.schemas.avro.AlertStatus;
import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.RunAlert;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Scores and alerts as the scorer and the run monitor write them. */
final class TestRecords {
  static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");

  private TestRecords() {}

  static GmnScore score(String runId, long step, double predictedAccuracy) {
    return scoreBuilder(runId, step, predictedAccuracy).build();
  }

  static GmnScore.Builder scoreBuilder(String runId, long step, double predictedAccuracy) {
    return GmnScore.newBuilder()
        .setRunId(runId)
        .setStep(step)
        .setModelId("gmn-small")
        .setModelVersion("3")
        .setPredictedTestAccuracy(predictedAccuracy)
        .setPredictedGeneralizationGap(0.05)
        .setFlags(List.of())
        .setDevice("cpu")
        .setBatchSize(1)
        .setCheckpointCreatedAtMillis(T0.plusSeconds(step))
        .setScoredAtMillis(T0.plusSeconds(step + 1))
        .setScoringMillis(2.5)
        .setTask("cifar10")
        .setMetrics(Map.of());
  }

  static RunAlert alert(String alertId, String runId, AlertSeverity severity, AlertStatus status, long step) {
    return RunAlert.newBuilder()
        .setAlertId(alertId)
        .setRunId(runId)
        .setRule("accuracy_collapse")
        .setSeverity(severity)
        .setStatus(status)
        .setStep(step)
        .setMessage("predicted test accuracy fell below 0.2")
        .setEvidence(Map.of("predictedTestAccuracy", "0.12", "threshold", "0.2"))
        .setRaisedAtMillis(T0.plusSeconds(step))
        .build();
  }
}
