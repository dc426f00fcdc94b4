package io.gmnstream.streamjobs.monitor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmnstream.schemas.registry.RegistryClientConfig;
import io.gmnstream.streamjobs.monitor.RunMonitorConfig;
import io.gmnstream.streamjobs.monitor.alerts.RuleName;
import io.gmnstream.streamjobs.monitor.alerts.Severity;
import io.gmnstream.streamjobs.monitor.topology.MonitorTopologyConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** Bad settings fail at construction with a message naming the key and what is allowed. */
class ConfigValidationTest {

  private static final RunMonitorConfig MONITOR = RunMonitorConfig.defaults("localhost:9092",
      RegistryClientConfig.of(URI.create("http://localhost:8081")), Path.of("state"));

  @Test
  void shouldRejectACollapseDropOutsideTheUnitInterval() {
    assertThatThrownBy(() -> new RulesConfig.AccuracyCollapse(true, 1.5, Severity.CRITICAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rules.accuracy_collapse.min_drop must be in (0, 1], got 1.5");
  }

  @Test
  void shouldRejectAnEscalationWindowNotLongerThanTheStagnationWindow() {
    assertThatThrownBy(() -> new RulesConfig.Stagnation(true, 10, 0.005, Severity.INFO, 10, Severity.WARNING))
        .hasMessageContaining("rules.stagnation.escalation_checkpoints must be above rules.stagnation.checkpoints (10)");
  }

  @Test
  void shouldRejectAHistoryTooShortToJudgeStagnation() {
    assertThatThrownBy(() -> MonitorTopologyConfig.defaults().withHistoryLimit(20))
        .hasMessageContaining("monitor.history_limit must be above rules.stagnation.escalation_checkpoints (20)");
  }

  @Test
  void shouldRejectAStaleTimeoutBelowOneSecond() {
    assertThatThrownBy(() -> new RulesConfig.StaleRun(true, Duration.ofMillis(10), Severity.WARNING,
        Duration.ofSeconds(1), 10)).hasMessage("rules.stale_run.after must be at least PT1S, got PT0.01S");
  }

  @Test
  void shouldListTheAllowedSeverities() {
    assertThatThrownBy(() -> Severity.parse("rules.dead_units.severity", "loud"))
        .hasMessage("rules.dead_units.severity must be one of [INFO, WARNING, CRITICAL], got 'loud'");
    assertThat(Severity.parse("rules.dead_units.severity", " critical ")).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void shouldKeepRuleNamesStable() {
    assertThat(Arrays.stream(RuleName.values()).map(RuleName::key)).containsExactly("non_finite_weights",
        "accuracy_collapse", "generalization_gap", "stagnation", "weight_norm_explosion", "dead_units", "stale_run",
        "below_peers");
    assertThatThrownBy(() -> RuleName.fromKey("collapse")).hasMessageContaining("must be one of non_finite_weights");
  }

  @Test
  void shouldRefuseKafkaPropertiesTheMonitorSetsItself() {
    assertThatThrownBy(() -> MONITOR.withKafkaProperties(Map.of("processing.guarantee", "at_least_once")))
        .hasMessageContaining("monitor.kafka_properties must be free of 'processing.guarantee'");
  }

  @Test
  void shouldConfigureExactlyOnceStandbysAndTheDeserializationHandler() {
    var props = MONITOR.withKafkaProperties(Map.of("security.protocol", "SSL"))
        .withApplicationServer("monitor-0.monitor:7070").streamsProperties();

    assertThat(props)
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "gmn-run-monitor")
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
        .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1)
        .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "monitor-0.monitor:7070")
        .containsEntry("security.protocol", "SSL")
        .containsKey(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG);
  }

  @Test
  void shouldRejectAnApplicationServerWithoutPort() {
    assertThatThrownBy(() -> MONITOR.withApplicationServer("monitor-0"))
        .hasMessageContaining("monitor.application_server must be host:port");
  }
}
