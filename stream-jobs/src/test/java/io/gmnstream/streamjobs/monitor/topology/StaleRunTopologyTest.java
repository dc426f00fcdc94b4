package io.gmnstream.streamjobs.monitor.topology;

import static io.gmnstream.streamjobs.monitor.support.Scores.T0;
import static io.gmnstream.streamjobs.monitor.support.Scores.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.schemas.avro.AlertSeverity;
import io.gmnstream.schemas.avro.AlertStatus;
import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.streamjobs.monitor.alerts.RuleName;
import io.gmnstream.streamjobs.monitor.alerts.Severity;
import io.gmnstream.streamjobs.monitor.rules.RulesConfig;
import io.gmnstream.streamjobs.monitor.support.EmbeddedStack;
import io.gmnstream.streamjobs.monitor.support.MonitorDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** stale_run with the defaults: silent for more than 5 minutes, scanned every 30 s of either clock. */
@ExtendWith(EmbeddedStack.Extension.class)
class StaleRunTopologyTest {

  @TempDir
  Path stateDir;
  private MonitorDriver driver;

  @BeforeEach
  void setUp(EmbeddedStack stack) {
    driver = new MonitorDriver(MonitorTopologyConfig.defaults(), stack, stateDir);
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  private List<RunAlert> staleAlerts() {
    return driver.alerts().stream().filter(a -> a.getRule().equals(RuleName.STALE_RUN.key())).toList();
  }

  @Test
  void shouldFlagRunAsStaleWhenWallClockPassesTheTimeout() {
    driver.send(of("run-a", 1, 0.5));

    driver.advanceWallClock(Duration.ofMinutes(4));
    assertThat(staleAlerts()).as("silent for 4 minutes").isEmpty();

    driver.advanceWallClock(Duration.ofMinutes(2));
    assertThat(staleAlerts()).singleElement().satisfies(alert -> {
      assertThat(alert.getAlertId()).isEqualTo("run-a/stale_run/1");
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
      assertThat(alert.getSeverity()).isEqualTo(AlertSeverity.WARNING);
      assertThat(alert.getEvidence()).containsEntry("clock", "wall_clock")
          .containsEntry("silentForMillis", Long.toString(Duration.ofMinutes(6).toMillis()))
          .containsEntry("staleAfterMillis", "300000").containsEntry("lastStep", "1");
    });

    driver.advanceWallClock(Duration.ofMinutes(1));
    assertThat(staleAlerts()).as("still stale, within the re-alert interval").isEmpty();

    driver.advanceWallClock(Duration.ofMinutes(10));
    assertThat(staleAlerts()).as("re-alert interval passed").singleElement()
        .satisfies(alert -> assertThat(alert.getAlertId()).isEqualTo("run-a/stale_run/1"));

    driver.send(of("run-a", 2, 0.5));
    assertThat(staleAlerts()).singleElement().satisfies(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(alert.getAlertId()).isEqualTo("run-a/stale_run/1");
      assertThat(alert.getStep()).isEqualTo(2);
    });
  }

  @Test
  void shouldFlagRunAsStaleWhenStreamTimePassesTheTimeoutWhileOtherRunsPublish() {
    driver.send(of("run-a", 1, 0.5).setScoredAtMillis(T0));
    for (int i = 1; i <= 12; i++) {
      // run-b publishes every 30 s of event time; the wall clock stands still.
      driver.send(of("run-b", i, 0.5 + i * 0.01).setScoredAtMillis(T0.plusSeconds(30L * i)));
    }
    List<RunAlert> alerts = staleAlerts();

    assertThat(alerts).singleElement().satisfies(alert -> {
      assertThat(alert.getRunId()).isEqualTo("run-a");
      assertThat(alert.getEvidence()).containsEntry("clock", "stream_time");
      assertThat(Long.parseLong(alert.getEvidence().get("silentForMillis")))
          .isGreaterThan(Duration.ofMinutes(5).toMillis());
    });

    driver.send(of("run-a", 2, 0.5).setScoredAtMillis(T0.plusSeconds(400)));
    assertThat(staleAlerts()).singleElement().satisfies(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(alert.getAlertId()).isEqualTo("run-a/stale_run/1");
    });
  }

  @Test
  void shouldLookAtNoMoreRunsPerScanThanConfigured(EmbeddedStack stack, @TempDir Path otherStateDir) {
    RulesConfig rules = RulesConfig.defaults().withStaleRun(
        new RulesConfig.StaleRun(true, Duration.ofMinutes(5), Severity.WARNING, Duration.ofSeconds(30), 2));
    try (MonitorDriver bounded = new MonitorDriver(MonitorTopologyConfig.defaults().withRules(rules), stack,
        otherStateDir)) {
      for (String run : List.of("run-a", "run-b", "run-c")) {
        bounded.send(of(run, 1, 0.5));
      }

      bounded.advanceWallClock(Duration.ofMinutes(6));
      assertThat(bounded.alerts()).extracting(RunAlert::getRunId).containsExactly("run-a", "run-b");

      bounded.advanceWallClock(Duration.ofSeconds(30));
      assertThat(bounded.alerts()).as("the next scan goes on after run-b").extracting(RunAlert::getRunId)
          .containsExactly("run-c");
    }
  }

  @Test
  void shouldReportStaleRunAsStaleInItsState() {
    driver.send(of("run-a", 1, 0.5));
    driver.advanceWallClock(Duration.ofMinutes(6));

    assertThat(driver.runState("run-a").activeAlert(RuleName.STALE_RUN)).isPresent();
  }
}
