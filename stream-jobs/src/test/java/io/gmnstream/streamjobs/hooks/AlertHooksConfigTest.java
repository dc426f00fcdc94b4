package io.gmnstream.streamjobs.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertHooksConfigTest {

  private static final RegistryClientConfig REGISTRY = RegistryClientConfig.of(URI.create("http://localhost:8081"));
  private static final WebhookEndpoint OPS =
      WebhookEndpoint.of("ops", URI.create("http://localhost:9000/hook"), BodyFormat.JSON).withSecret("hunter2");

  private static AlertHooksConfig defaults() {
    return AlertHooksConfig.defaults("localhost:9092", REGISTRY, List.of(OPS));
  }

  @Test
  void shouldUseDocumentedDefaultsWhenBuiltWithDefaults() {
    AlertHooksConfig config = defaults();

    assertThat(config.groupId()).isEqualTo("gmn-alert-hooks");
    assertThat(config.alertsTopic()).isEqualTo(Topics.ALERTS.name());
    assertThat(config.deadLetterTopic()).isEqualTo(Topics.DEAD_LETTERS.name());
    assertThat(config.maxAttempts()).isEqualTo(5);
    assertThat(config.initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.queueCapacity()).isEqualTo(AlertHooksConfig.DEFAULT_QUEUE_CAPACITY);
  }

  @Test
  void shouldHideSecretsWhenPrinted() {
    String printed = defaults()
        .withKafkaProperties(Map.of("sasl.jaas.config", "user=a password=topsecret"))
        .toString();

    assertThat(printed).doesNotContain("hunter2", "topsecret").contains("sasl.jaas.config");
  }

  @Test
  void shouldRefuseReservedKafkaPropertyNamingTheKey() {
    assertThatThrownBy(() -> defaults().withKafkaProperties(Map.of("enable.auto.commit", "true")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("enable.auto.commit");
  }

  @Test
  void shouldRefuseBadRetrySettingsNamingTheField() {
    assertThatThrownBy(() -> defaults().withRetries(0, Duration.ofMillis(1), Duration.ofSeconds(1)))
        .hasMessageContaining("AlertHooksConfig.maxAttempts");
    assertThatThrownBy(() -> defaults().withRetries(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("AlertHooksConfig.maxBackoff");
    assertThatThrownBy(() -> defaults().withQueueCapacity(0))
        .hasMessageContaining("AlertHooksConfig.queueCapacity");
  }

  @Test
  void shouldRefuseNoEndpointsOrDuplicateNames() {
    assertThatThrownBy(() -> defaults().withEndpoints(List.of()))
        .hasMessageContaining("AlertHooksConfig.endpoints");
    assertThatThrownBy(() -> defaults().withEndpoints(List.of(OPS, OPS)))
        .hasMessageContaining("two endpoints named 'ops'");
  }

  @Test
  void shouldRefuseDeadLettersToTheAlertsTopic() {
    assertThatThrownBy(() -> defaults().withTopics("gmn.alerts", "gmn.alerts"))
        .hasMessageContaining("AlertHooksConfig.deadLetterTopic");
  }
}
