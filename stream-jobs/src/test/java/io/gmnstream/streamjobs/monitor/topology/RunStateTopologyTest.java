package io.gmnstream.streamjobs.monitor.topology;

import static io.gmnstream.streamjobs.monitor.support.Scores.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.streamjobs.monitor.state.HistoryPoint;
import io.gmnstream.streamjobs.monitor.state.RunState;
import io.gmnstream.streamjobs.monitor.support.EmbeddedStack;
import io.gmnstream.streamjobs.monitor.support.MonitorDriver;
import io.gmnstream.streamjobs.monitor.support.Scores;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What the run-state store keeps of a run. */
@ExtendWith(EmbeddedStack.Extension.class)
class RunStateTopologyTest {

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

  @Test
  void shouldKeepOnlyTheMostRecentPointsWhenHistoryExceedsItsLimit() {
    driver = new MonitorDriver(MonitorTopologyConfig.defaults().withHistoryLimit(25), stack, stateDir);

    for (int step = 1; step <= 30; step++) {
      driver.send(of("run-a", step, 0.5 + step * 0.01));
    }

    RunState state = driver.runState("run-a");
    assertThat(state.history()).hasSize(25);
    assertThat(state.history()).extracting(HistoryPoint::step).startsWith(6L).endsWith(30L).isSorted();
    assertThat(state.scores()).isEqualTo(30);
    assertThat(state.bestStep()).isEqualTo(30);
  }

  @Test
  void shouldIgnoreRepeatedAndOutOfOrderStepsWithoutAlerting() {
    driver = new MonitorDriver(MonitorTopologyConfig.defaults(), stack, stateDir);
    driver.send(of("run-a", 10, 0.80));
    driver.send(of("run-a", 20, 0.85));
    driver.send(of("run-a", 30, 0.86));
    driver.alerts();

    driver.send(of("run-a", 20, 0.10)); // a late re-score of step 20 that would look like a collapse
    driver.send(of("run-a", 30, 0.10)); // a repeat of the latest step
    driver.send(of("run-a", 5, 0.10));

    RunState state = driver.runState("run-a");
    assertThat(state.history()).extracting(HistoryPoint::step).containsExactly(10L, 20L, 30L);
    assertThat(state.history()).extracting(HistoryPoint::predictedTestAccuracy).containsExactly(0.80, 0.85, 0.86);
    assertThat(state.ignoredScores()).isEqualTo(3);
    assertThat(state.scores()).isEqualTo(3);
    assertThat(driver.alerts()).isEmpty();
  }

  @Test
  void shouldKeepBestScoreTaskAndMeasuredAccuracy() {
    driver = new MonitorDriver(MonitorTopologyConfig.defaults(), stack, stateDir);

    driver.send(of("run-a", 1, 0.70).setTask("cifar10").setMetrics(Map.of("test_accuracy", 0.68)));
    driver.send(of("run-a", 2, 0.75).setTask(""));
    driver.send(of("run-a", 3, 0.74).setPredictedGeneralizationGap(0.07));

    RunState state = driver.runState("run-a");
    assertThat(state.task()).as("an empty task does not erase the known one").isEqualTo("cifar10");
    assertThat(state.bestPredictedTestAccuracy()).isEqualTo(0.75);
    assertThat(state.bestStep()).isEqualTo(2);
    assertThat(state.history().get(0).measuredTestAccuracy()).isEqualTo(0.68);
    assertThat(state.history().get(2).measuredTestAccuracy()).isNull();
    assertThat(state.latest().predictedGeneralizationGap()).isEqualTo(0.07);
    assertThat(state.lastScoredAtMillis()).isEqualTo(Scores.T0.plusSeconds(3).toEpochMilli());
    assertThat(state.lastSeenStreamTimeMillis()).isEqualTo(Scores.T0.plusSeconds(3).toEpochMilli());
  }

  @Test
  void shouldSkipScoresWithoutARunId() {
    driver = new MonitorDriver(MonitorTopologyConfig.defaults(), stack, stateDir);

    driver.sendRaw(null, of("run-a", 1, 0.1).build(), Scores.T0);

    assertThat(driver.runState("run-a")).isNull();
    assertThat(driver.alerts()).isEmpty();
  }
}
