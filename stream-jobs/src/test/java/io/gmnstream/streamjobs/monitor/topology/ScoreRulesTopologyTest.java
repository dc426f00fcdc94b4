package io.gmnstream.streamjobs.monitor.topology;

import static io.gmnstream.streamjobs.monitor.support.Scores.of;
import static io.gmnstream.streamjobs.monitor.support.Scores.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gmnstream.schemas.avro.AlertSeverity;
import io.gmnstream.schemas.avro.AlertStatus;
import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.streamjobs.monitor.alerts.RuleName;
import io.gmnstream.streamjobs.monitor.alerts.Severity;
import io.gmnstream.streamjobs.monitor.rules.RulesConfig;
import io.gmnstream.streamjobs.monitor.support.EmbeddedStack;
import io.gmnstream.streamjobs.monitor.support.MonitorDriver;
import io.gmnstream.streamjobs.monitor.support.Scores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Each score rule in the topology: fires with its severity and evidence, is throttled, resolves. */
@ExtendWith(EmbeddedStack.Extension.class)
class ScoreRulesTopologyTest {

  private static final String RUN = "run-a";

  @TempDir
  Path stateDir;
  private EmbeddedStack stack;
  private MonitorDriver driver;

  @BeforeEach
  void setUp(EmbeddedStack stack) {
    this.stack = stack;
  }

  @AfterEach
  void tearDown() {
    if (driver != null) {
      driver.close();
    }
  }

  private MonitorDriver start(MonitorTopologyConfig config) {
    driver = new MonitorDriver(config, stack, stateDir);
    return driver;
  }

  private List<RunAlert> alerts(RuleName rule) {
    return driver.alerts().stream().filter(a -> a.getRule().equals(rule.key())).toList();
  }

  @Test
  void shouldRaiseCriticalAlertWhenWeightsBecomeNonFiniteAndResolveWhenFiniteAgain() {
    start(MonitorTopologyConfig.defaults());

    driver.send(of(RUN, 1, 0.5).setWeightSummary(weights(1.0)));
    driver.send(of(RUN, 2, 0.5).setWeightSummary(weights(3, 1, Double.NaN, Map.of())));
    List<RunAlert> fired = alerts(RuleName.NON_FINITE_WEIGHTS);

    assertThat(fired).singleElement().satisfies(alert -> {
      assertThat(alert.getAlertId()).isEqualTo("run-a/non_finite_weights/2");
      assertThat(alert.getRunId()).isEqualTo(RUN);
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(alert.getSeverity()).isEqualTo(AlertSeverity.CRITICAL);
      assertThat(alert.getStep()).isEqualTo(2);
      assertThat(alert.getEvidence()).containsEntry("nanCount", "3").containsEntry("infCount", "1");
    });

    driver.send(of(RUN, 3, 0.5).setWeightSummary(weights(0, 2, Double.POSITIVE_INFINITY, Map.of())));
    assertThat(alerts(RuleName.NON_FINITE_WEIGHTS)).as("still non-finite: no repeat").isEmpty();

    driver.send(of(RUN, 4, 0.5).setWeightSummary(weights(1.0)));
    assertThat(alerts(RuleName.NON_FINITE_WEIGHTS)).singleElement().satisfies(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(alert.getAlertId()).isEqualTo("run-a/non_finite_weights/2");
      assertThat(alert.getStep()).isEqualTo(4);
    });
  }

  @Test
  void shouldFlagNonFiniteWeightsFromTheScorerFlagWithoutWeightStatistics() {
    start(MonitorTopologyConfig.defaults());

    driver.send(of(RUN, 1, 0.5).setFlags(List.of("non_finite_weights")));

    assertThat(alerts(RuleName.NON_FINITE_WEIGHTS)).singleElement().satisfies(alert ->
        assertThat(alert.getEvidence()).containsEntry("scorerFlag", "true").containsEntry("nanCount", "0"));
  }

  @Test
  void shouldFlagRunWhenPredictedAccuracyCollapses() {
    start(MonitorTopologyConfig.defaults());

    driver.send(of(RUN, 1, 0.80));
    driver.send(of(RUN, 2, 0.85));
    driver.send(of(RUN, 3, 0.60));

    assertThat(alerts(RuleName.ACCURACY_COLLAPSE)).singleElement().satisfies(alert -> {
      assertThat(alert.getAlertId()).isEqualTo("run-a/accuracy_collapse/3");
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(alert.getSeverity()).isEqualTo(AlertSeverity.CRITICAL);
      assertThat(alert.getEvidence())
          .containsEntry("predictedTestAccuracy", "0.6")
          .containsEntry("bestPredictedTestAccuracy", "0.85")
          .containsEntry("bestStep", "2")
          .containsEntry("minDrop", "0.2");
      assertThat(Double.parseDouble(alert.getEvidence().get("drop"))).isCloseTo(0.25, within(1e-9));
    });
  }

  @Test
  void shouldNotRepeatACollapseAlertUntilTheRealertIntervalHasPassed() {
    start(MonitorTopologyConfig.defaults().withRealertInterval(Duration.ofMinutes(10)));
    driver.send(of(RUN, 1, 0.85));
    driver.send(of(RUN, 2, 0.60));
    String alertId = alerts(RuleName.ACCURACY_COLLAPSE).get(0).getAlertId();

    driver.advanceWallClock(Duration.ofMinutes(9));
    driver.send(of(RUN, 3, 0.61));
    assertThat(alerts(RuleName.ACCURACY_COLLAPSE)).as("within the interval").isEmpty();

    driver.advanceWallClock(Duration.ofMinutes(1));
    driver.send(of(RUN, 4, 0.62));
    assertThat(alerts(RuleName.ACCURACY_COLLAPSE)).as("interval passed: a reminder").singleElement()
        .satisfies(alert -> {
          assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
          assertThat(alert.getAlertId()).isEqualTo(alertId);
          assertThat(alert.getStep()).isEqualTo(4);
          assertThat(alert.getRaisedAtMillis()).isEqualTo(
              Scores.T0.plus(Duration.ofMinutes(10)));
        });

    driver.send(of(RUN, 5, 0.84));
    assertThat(alerts(RuleName.ACCURACY_COLLAPSE)).singleElement().satisfies(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(alert.getAlertId()).isEqualTo(alertId);
    });
  }

  @Test
  void shouldWarnWhenPredictedGeneralizationGapExceedsBound() {
    start(MonitorTopologyConfig.defaults());

    driver.send(of(RUN, 1, 0.7).setPredictedGeneralizationGap(0.20));
    assertThat(alerts(RuleName.GENERALIZATION_GAP)).singleElement().satisfies(alert -> {
      assertThat(alert.getSeverity()).isEqualTo(AlertSeverity.WARNING);
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(alert.getEvidence()).containsEntry("predictedGeneralizationGap", "0.2")
          .containsEntry("maxGap", "0.15");
    });

    driver.send(of(RUN, 2, 0.7).setPredictedGeneralizationGap(0.25));
    assertThat(alerts(RuleName.GENERALIZATION_GAP)).isEmpty();

    driver.send(of(RUN, 3, 0.7).setPredictedGeneralizationGap(0.10));
    assertThat(alerts(RuleName.GENERALIZATION_GAP)).singleElement().satisfies(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(alert.getAlertId()).isEqualTo("run-a/generalization_gap/1");
    });
  }

  @Test
  void shouldRaiseInfoThenEscalateToWarningWhileRunStagnates() {
    RulesConfig rules = RulesConfig.defaults()
        .withStagnation(new RulesConfig.Stagnation(true, 3, 0.005, Severity.INFO, 5, Severity.WARNING));
    start(MonitorTopologyConfig.defaults().withRules(rules));

    driver.send(of(RUN, 1, 0.5));
    driver.send(of(RUN, 2, 0.6));
    driver.send(of(RUN, 3, 0.6));
    driver.send(of(RUN, 4, 0.603));
    assertThat(alerts(RuleName.STAGNATION)).as("only 2 checkpoints without progress").isEmpty();

    driver.send(of(RUN, 5, 0.6));
    List<RunAlert> info = alerts(RuleName.STAGNATION);
    assertThat(info).singleElement().satisfies(alert -> {
      assertThat(alert.getSeverity()).isEqualTo(AlertSeverity.INFO);
      assertThat(alert.getAlertId()).isEqualTo("run-a/stagnation/5");
      assertThat(alert.getEvidence()).containsEntry("checkpoints", "3").containsEntry("sinceStep", "3")
          .containsEntry("bestBefore", "0.6").containsEntry("bestSince", "0.603");
    });

    driver.send(of(RUN, 6, 0.6));
    assertThat(alerts(RuleName.STAGNATION)).as("same severity, within the interval").isEmpty();

    driver.send(of(RUN, 7, 0.6));
    assertThat(alerts(RuleName.STAGNATION)).as("severity changed: alerted again").singleElement()
        .satisfies(alert -> {
          assertThat(alert.getSeverity()).isEqualTo(AlertSeverity.WARNING);
          assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
          assertThat(alert.getAlertId()).isEqualTo("run-a/stagnation/5");
          assertThat(alert.getEvidence()).containsEntry("checkpoints", "5");
        });

    driver.send(of(RUN, 8, 0.7));
    assertThat(alerts(RuleName.STAGNATION)).singleElement().satisfies(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(alert.getSeverity()).isEqualTo(AlertSeverity.WARNING);
      assertThat(alert.getAlertId()).isEqualTo("run-a/stagnation/5");
    });
  }

  @Test
  void shouldFlagWeightNormExplosionBetweenConsecutiveCheckpoints() {
    start(MonitorTopologyConfig.defaults());

    driver.send(of(RUN, 1, 0.5).setWeightSummary(weights(10.0)));
    driver.send(of(RUN, 2, 0.5).setWeightSummary(weights(12.0)));
    driver.send(of(RUN, 3, 0.5).setWeightSummary(weights(150.0)));
    assertThat(alerts(RuleName.WEIGHT_NORM_EXPLOSION)).singleElement().satisfies(alert -> {
      assertThat(alert.getSeverity()).isEqualTo(AlertSeverity.CRITICAL);
      assertThat(alert.getAlertId()).isEqualTo("run-a/weight_norm_explosion/3");
      assertThat(alert.getEvidence()).containsEntry("l2Norm", "150.0").containsEntry("previousL2Norm", "12.0")
          .containsEntry("previousStep", "2").containsEntry("ratio", "12.5").containsEntry("maxRatio", "10.0");
    });

    driver.send(of(RUN, 4, 0.5).setWeightSummary(weights(2000.0)));
    driver.send(of(RUN, 5, 0.5));
    assertThat(alerts(RuleName.WEIGHT_NORM_EXPLOSION)).as("still exploding, then no statistics").isEmpty();

    driver.send(of(RUN, 6, 0.5).setWeightSummary(weights(2100.0)));
    assertThat(alerts(RuleName.WEIGHT_NORM_EXPLOSION)).singleElement().satisfies(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(alert.getAlertId()).isEqualTo("run-a/weight_norm_explosion/3");
    });
  }

  @Test
  void shouldWarnWhenALayerHasMoreDeadUnitsThanAllowed() {
    start(MonitorTopologyConfig.defaults());

    driver.send(of(RUN, 1, 0.5).setWeightSummary(weights(0, 0, 5.0, Map.of("dense_1", 0.7, "conv_1", 0.2))));
    assertThat(alerts(RuleName.DEAD_UNITS)).singleElement().satisfies(alert -> {
      assertThat(alert.getSeverity()).isEqualTo(AlertSeverity.WARNING);
      assertThat(alert.getEvidence()).containsEntry("worstLayer", "dense_1")
          .containsEntry("worstDeadFraction", "0.7").containsEntry("layersAbove", "dense_1")
          .containsEntry("maxFraction", "0.5");
    });

    driver.send(of(RUN, 2, 0.5).setWeightSummary(weights(0, 0, 5.0, Map.of("dense_1", 0.8, "conv_1", 0.6))));
    assertThat(alerts(RuleName.DEAD_UNITS)).isEmpty();

    driver.send(of(RUN, 3, 0.5).setWeightSummary(weights(0, 0, 5.0, Map.of("dense_1", 0.3, "conv_1", 0.2))));
    assertThat(alerts(RuleName.DEAD_UNITS)).singleElement().satisfies(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(alert.getAlertId()).isEqualTo("run-a/dead_units/1");
    });
  }

  @Test
  void shouldRaiseNothingForAHealthyRun() {
    start(MonitorTopologyConfig.defaults());

    for (int step = 1; step <= 15; step++) {
      driver.send(of(RUN, step, 0.5 + step * 0.02).setWeightSummary(weights(10.0 + step)));
    }

    assertThat(driver.alerts()).isEmpty();
  }

  @Test
  void shouldNotEvaluateADisabledRule() {
    RulesConfig rules = RulesConfig.defaults()
        .withAccuracyCollapse(new RulesConfig.AccuracyCollapse(false, 0.2, Severity.CRITICAL));
    start(MonitorTopologyConfig.defaults().withRules(rules));

    driver.send(of(RUN, 1, 0.9));
    driver.send(of(RUN, 2, 0.1));

    assertThat(driver.alerts()).isEmpty();
  }
}
