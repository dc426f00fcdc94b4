package io.gmnstream.streamjobs.monitor.topology;

import static io.gmnstream.streamjobs.monitor.support.Scores.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.gmnstream.schemas.avro.AlertSeverity;
import io.gmnstream.schemas.avro.AlertStatus;
import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.streamjobs.monitor.alerts.ActiveAlert;
import io.gmnstream.streamjobs.monitor.alerts.RuleName;
import io.gmnstream.streamjobs.monitor.alerts.Severity;
import io.gmnstream.streamjobs.monitor.query.RunSummary;
import io.gmnstream.streamjobs.monitor.state.StoreRunQueries;
import io.gmnstream.streamjobs.monitor.support.EmbeddedStack;
import io.gmnstream.streamjobs.monitor.support.MonitorDriver;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** below_peers with the defaults: more than 0.25 below the median of at least 3 other runs of the task. */
@ExtendWith(EmbeddedStack.Extension.class)
class BelowPeersTopologyTest {

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

  private List<RunAlert> belowPeersAlerts() {
    return driver.alerts().stream().filter(a -> a.getRule().equals(RuleName.BELOW_PEERS.key())).toList();
  }

  /** Three runs of cifar10 around 0.85, with no alert of their own. */
  private void sendThreePeers() {
    driver.send(of("peer-1", 1, 0.80));
    driver.send(of("peer-2", 1, 0.85));
    driver.send(of("peer-3", 1, 0.90));
  }

  private RunSummary summary(String runId) {
    return queries.run(runId).orElseThrow().summary();
  }

  @Test
  void shouldWarnWhenRunIsFarBelowThePeersOfItsTask() {
    driver.send(of("peer-1", 1, 0.80));
    driver.send(of("peer-2", 1, 0.85));
    driver.send(of("peer-3", 1, 0.90));
    driver.send(of("laggard", 1, 0.50));

    assertThat(belowPeersAlerts()).singleElement().satisfies(alert -> {
      assertThat(alert.getRunId()).isEqualTo("laggard");
      assertThat(alert.getAlertId()).isEqualTo("laggard/below_peers/1");
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(alert.getSeverity()).isEqualTo(AlertSeverity.WARNING);
      assertThat(alert.getEvidence()).containsEntry("peerMedian", "0.85").containsEntry("peers", "3")
          .containsEntry("task", "cifar10").containsEntry("predictedTestAccuracy", "0.5")
          .containsEntry("maxBelowMedian", "0.25");
    });

    driver.send(of("laggard", 2, 0.52));
    assertThat(belowPeersAlerts()).as("still below, within the re-alert interval").isEmpty();

    driver.send(of("laggard", 3, 0.70));
    assertThat(belowPeersAlerts()).singleElement().satisfies(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(alert.getAlertId()).isEqualTo("laggard/below_peers/1");
      assertThat(alert.getRunId()).isEqualTo("laggard");
    });
  }

  @Test
  void shouldCompareOnlyWithRunsOfTheSameTask() {
    driver.send(of("mnist-1", 1, 0.99).setTask("mnist"));
    driver.send(of("mnist-2", 1, 0.99).setTask("mnist"));
    driver.send(of("mnist-3", 1, 0.99).setTask("mnist"));
    driver.send(of("cifar-1", 1, 0.50).setTask("cifar10"));

    assertThat(belowPeersAlerts()).isEmpty();
  }

  @Test
  void shouldNotJudgeARunWithFewerPeersThanTheMinimum() {
    driver.send(of("peer-1", 1, 0.90));
    driver.send(of("peer-2", 1, 0.90));
    driver.send(of("laggard", 1, 0.10));

    assertThat(belowPeersAlerts()).isEmpty();
  }

  @Test
  void shouldIgnoreRunsWithoutATask() {
    driver.send(of("peer-1", 1, 0.90).setTask(""));
    driver.send(of("peer-2", 1, 0.90).setTask(""));
    driver.send(of("peer-3", 1, 0.90).setTask(""));
    driver.send(of("laggard", 1, 0.10).setTask(""));

    assertThat(belowPeersAlerts()).isEmpty();
  }

  @Test
  void shouldShowBelowPeersInTheRunsSummaryUntilItResolves() {
    sendThreePeers();
    driver.send(of("laggard", 1, 0.50));

    assertThat(summary("laggard").activeAlerts()).containsExactly("below_peers");
    assertThat(summary("laggard").state()).isEqualTo("WARNING");
    assertThat(driver.runState("laggard").activeAlert(RuleName.BELOW_PEERS)).get()
        .as("the alert as the peer comparison's gate keeps it")
        .extracting(ActiveAlert::alertId, ActiveAlert::severity, ActiveAlert::firstStep)
        .containsExactly("laggard/below_peers/1", Severity.WARNING, 1L);
    assertThat(driver.alerts()).as("published once, by the peer comparison only")
        .extracting(RunAlert::getAlertId, RunAlert::getStatus)
        .containsExactly(tuple("laggard/below_peers/1", AlertStatus.FIRING));

    driver.send(of("laggard", 2, 0.52));
    assertThat(summary("laggard").activeAlerts()).as("still below, nothing published").containsExactly("below_peers");
    assertThat(summary("laggard").latestStep()).isEqualTo(2);
    assertThat(driver.alerts()).isEmpty();

    driver.send(of("laggard", 3, 0.70));
    assertThat(summary("laggard").activeAlerts()).isEmpty();
    assertThat(summary("laggard").state()).isEqualTo("OK");
    assertThat(driver.alerts()).extracting(RunAlert::getAlertId, RunAlert::getStatus)
        .containsExactly(tuple("laggard/below_peers/1", AlertStatus.RESOLVED));
    assertThat(summary("peer-1").activeAlerts()).as("the peers are not affected").isEmpty();
  }

  @Test
  void shouldRankACriticalAlertAboveBelowPeersInTheRunsState() {
    sendThreePeers();
    driver.send(of("laggard", 1, 0.80)); // 0.05 below the median: within the peers
    driver.alerts();

    driver.send(of("laggard", 2, 0.50)); // 0.30 below its best (collapse) and 0.35 below the median

    assertThat(driver.alerts()).extracting(RunAlert::getRule, RunAlert::getSeverity, RunAlert::getStatus)
        .containsExactlyInAnyOrder(
            tuple("accuracy_collapse", AlertSeverity.CRITICAL, AlertStatus.FIRING),
            tuple("below_peers", AlertSeverity.WARNING, AlertStatus.FIRING));
    assertThat(summary("laggard").activeAlerts()).containsExactly("accuracy_collapse", "below_peers");
    assertThat(summary("laggard").state()).isEqualTo("CRITICAL");
  }

  @Test
  void shouldKeepBelowPeersInTheRunsStateWhenTheRunScoresAgain() {
    sendThreePeers();
    driver.send(of("laggard", 1, 0.50));
    driver.send(of("laggard", 1, 0.50)); // a repeated score: ignored on both sides

    assertThat(driver.runState("laggard").ignoredScores()).isEqualTo(1);
    assertThat(summary("laggard").activeAlerts()).containsExactly("below_peers");
  }
}
