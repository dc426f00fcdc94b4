package io.gmnstream.streamjobs.monitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.schemas.avro.AlertSeverity;
import io.gmnstream.schemas.avro.AlertStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class RunMetricsTest {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final RunMetrics metrics = new RunMetrics(registry, 2);

  @Test
  void shouldGaugeEachRunsLatestPredictions() {
    metrics.onScore(TestRecords.scoreBuilder("run-1", 100, 0.5).setPredictedGeneralizationGap(0.125).build());
    metrics.onScore(TestRecords.score("run-1", 200, 0.75));

    assertThat(registry.scrape()).contains(
        "gmn_run_predicted_test_accuracy{run_id=\"run-1\",task=\"cifar10\"} 0.75",
        "gmn_run_predicted_generalization_gap{run_id=\"run-1\",task=\"cifar10\"} 0.05",
        "gmn_run_latest_step{run_id=\"run-1\",task=\"cifar10\"} 200");
  }

  @Test
  void shouldKeepTheFurthestStepWhenAnOlderCheckpointIsScoredLate() {
    metrics.onScore(TestRecords.score("run-1", 200, 0.75));
    metrics.onScore(TestRecords.score("run-1", 100, 0.5));

    assertThat(registry.scrape()).contains("gmn_run_predicted_test_accuracy{run_id=\"run-1\",task=\"cifar10\"} 0.75");
  }

  @Test
  void shouldCountAlertsByRuleSeverityAndStatus() {
    metrics.onAlert(TestRecords.alert("a", "run-1", AlertSeverity.CRITICAL, AlertStatus.FIRING, 1));
    metrics.onAlert(TestRecords.alert("b", "run-1", AlertSeverity.CRITICAL, AlertStatus.FIRING, 2));
    metrics.onAlert(TestRecords.alert("a", "run-1", AlertSeverity.CRITICAL, AlertStatus.RESOLVED, 3));

    assertThat(registry.scrape()).contains(
        "gmn_run_alerts_total{rule=\"accuracy_collapse\",run_id=\"run-1\",severity=\"CRITICAL\",status=\"FIRING\"} 2.0",
        "gmn_run_alerts_total{rule=\"accuracy_collapse\",run_id=\"run-1\",severity=\"CRITICAL\",status=\"RESOLVED\"} 1.0");
  }

  @Test
  void shouldDropTheRunUpdatedLongestAgoBeyondTheMaximum() {
    metrics.onScore(TestRecords.score("run-1", 1, 0.1));
    metrics.onAlert(TestRecords.alert("a", "run-1", AlertSeverity.WARNING, AlertStatus.FIRING, 1));
    metrics.onScore(TestRecords.score("run-2", 1, 0.2));
    metrics.onScore(TestRecords.score("run-3", 1, 0.3));

    assertThat(metrics.trackedRuns()).isEqualTo(2);
    assertThat(registry.scrape()).doesNotContain("run-1").contains("run_id=\"run-2\"", "run_id=\"run-3\"");
  }

  @Test
  void shouldRetagTheGaugesWhenTheRunsTaskBecomesKnown() {
    metrics.onScore(TestRecords.scoreBuilder("run-1", 1, 0.1).setTask("").build());
    metrics.onScore(TestRecords.scoreBuilder("run-1", 2, 0.2).setTask("mnist").build());

    assertThat(registry.scrape())
        .contains("gmn_run_predicted_test_accuracy{run_id=\"run-1\",task=\"mnist\"} 0.2")
        .doesNotContain("task=\"unknown\"");
  }
}
