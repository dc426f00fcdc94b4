package io.gmnstream.streamjobs.monitor.topology;

import static io.gmnstream.streamjobs.monitor.support.Scores.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gmnstream.streamjobs.monitor.query.RunHistory;
import io.gmnstream.streamjobs.monitor.query.RunSummary;
import io.gmnstream.streamjobs.monitor.query.ScorePoint;
import io.gmnstream.streamjobs.monitor.state.StoreRunQueries;
import io.gmnstream.streamjobs.monitor.support.EmbeddedStack;
import io.gmnstream.streamjobs.monitor.support.MonitorDriver;
import io.gmnstream.streamjobs.monitor.support.Scores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The read side over the run-state store that the topology fills. */
@ExtendWith(EmbeddedStack.Extension.class)
class StoreRunQueriesTest {

  @TempDir
  Path stateDir;
  private MonitorDriver driver;
  private StoreRunQueries queries;

  @BeforeEach
  void setUp(EmbeddedStack stack) {
    driver = new MonitorDriver(MonitorTopologyConfig.defaults(), stack, stateDir);
    queries = new StoreRunQueries(driver::runStates);
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  @Test
  void shouldSummariseEachRunWithTrendAndHealth() {
    for (int step = 1; step <= 7; step++) {
      driver.send(of("improving", step, 0.50 + step * 0.02).setMetrics(Map.of("test_accuracy", 0.49 + step * 0.02)));
    }
    driver.send(of("collapsing", 1, 0.90).setScoredAtMillis(Scores.T0.plusSeconds(100)));
    driver.send(of("collapsing", 2, 0.40).setScoredAtMillis(Scores.T0.plusSeconds(101)));
    driver.send(of("overfitting", 1, 0.70).setPredictedGeneralizationGap(0.3)
        .setScoredAtMillis(Scores.T0.plusSeconds(50)));

    assertThat(queries.runs()).extracting(RunSummary::runId)
        .as("most recently scored first").containsExactly("collapsing", "overfitting", "improving");

    RunSummary improving = queries.run("improving").orElseThrow().summary();
    assertThat(improving.state()).isEqualTo("OK");
    assertThat(improving.latestStep()).isEqualTo(7);
    assertThat(improving.scores()).isEqualTo(7);
    assertThat(improving.trend()).as("step 7 minus step 2").isCloseTo(0.10, within(1e-9));
    assertThat(improving.bestStep()).isEqualTo(7);
    assertThat(improving.measuredTestAccuracy()).isCloseTo(0.63, within(1e-9));
    assertThat(improving.activeAlerts()).isEmpty();
    assertThat(improving.task()).isEqualTo("cifar10");

    RunSummary collapsing = queries.run("collapsing").orElseThrow().summary();
    assertThat(collapsing.state()).isEqualTo("CRITICAL");
    assertThat(collapsing.activeAlerts()).containsExactly("accuracy_collapse");
    assertThat(collapsing.bestPredictedTestAccuracy()).isEqualTo(0.90);
    assertThat(collapsing.trend()).isCloseTo(-0.50, within(1e-9));
    assertThat(collapsing.measuredTestAccuracy()).isNull();

    assertThat(queries.run("overfitting").orElseThrow().summary().state()).isEqualTo("WARNING");
  }

  @Test
  void shouldReturnTheHistoryInStepOrder() {
    driver.send(of("run-a", 1, 0.5).setMetrics(Map.of("test_accuracy", 0.45)));
    driver.send(of("run-a", 2, 0.6));

    RunHistory history = queries.run("run-a").orElseThrow();

    assertThat(history.points()).containsExactly(
        new ScorePoint(1, 0.5, 0.05, 0.45, Scores.T0.plusSeconds(1).toEpochMilli()),
        new ScorePoint(2, 0.6, 0.05, null, Scores.T0.plusSeconds(2).toEpochMilli()));
  }

  @Test
  void shouldReportARunThatStoppedPublishingAsStale() {
    driver.send(of("run-a", 1, 0.5));
    driver.advanceWallClock(Duration.ofMinutes(6));

    RunSummary summary = queries.run("run-a").orElseThrow().summary();
    assertThat(summary.state()).isEqualTo("STALE");
    assertThat(summary.activeAlerts()).containsExactly("stale_run");
  }

  @Test
  void shouldFindNoRunThatWasNeverScored() {
    assertThat(queries.run("unknown")).isEmpty();
    assertThat(queries.runs()).isEmpty();
  }
}
