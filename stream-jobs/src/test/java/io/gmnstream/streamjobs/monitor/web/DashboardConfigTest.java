package io.gmnstream.streamjobs.monitor.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DashboardConfigTest {

  @Test
  void shouldDefaultToLoopbackOnPort8080WithoutAToken() {
    DashboardConfig config = DashboardConfig.defaults();

    assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.bearerToken()).isEmpty();
    assertThat(config.sseHeartbeat()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void shouldNameTheKeyOfABadValue() {
    assertThatThrownBy(() -> DashboardConfig.defaults().withPort(70_000)).hasMessageContaining(DashboardConfig.PORT);
    assertThatThrownBy(() -> DashboardConfig.defaults().withBindAddress(" "))
        .hasMessageContaining(DashboardConfig.BIND_ADDRESS);
    assertThatThrownBy(() -> DashboardConfig.defaults().withSseHeartbeat(Duration.ofMillis(10)))
        .hasMessageContaining(DashboardConfig.SSE_HEARTBEAT_MS);
    assertThatThrownBy(() -> DashboardConfig.defaults().withMaxSseClients(0))
        .hasMessageContaining(DashboardConfig.MAX_SSE_CLIENTS);
    assertThatThrownBy(() -> DashboardConfig.defaults().withSseClientQueue(0))
        .hasMessageContaining(DashboardConfig.SSE_CLIENT_QUEUE);
    assertThatThrownBy(() -> DashboardConfig.defaults().withRecentAlerts(0))
        .hasMessageContaining(DashboardConfig.RECENT_ALERTS);
  }

  @Test
  void shouldRefuseATokenThatCannotTravelInAHeaderWithoutEchoingIt() {
    assertThatThrownBy(() -> DashboardConfig.defaults().withBearerToken("has space\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(DashboardConfig.BEARER_TOKEN)
        .hasMessageNotContaining("has space");
  }

  @Test
  void shouldNeverPrintTheToken() {
    DashboardConfig config = DashboardConfig.defaults().withBearerToken("very-secret-token");

    assertThat(config.toString()).doesNotContain("very-secret-token").contains("<hidden>");
  }

  @Test
  void shouldReadItsKeysFromAMap() {
    DashboardConfig config = DashboardConfig.fromMap(Map.of(
        DashboardConfig.BIND_ADDRESS, "0.0.0.0",
        DashboardConfig.PORT, "0",
        DashboardConfig.BEARER_TOKEN, "abc123",
        DashboardConfig.SSE_HEARTBEAT_MS, "5000",
        DashboardConfig.RECENT_ALERTS, "20"));

    assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(config.port()).isZero();
    assertThat(config.bearerToken()).contains("abc123");
    assertThat(config.sseHeartbeat()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.recentAlerts()).isEqualTo(20);
    assertThat(config.maxSseClients()).isEqualTo(DashboardConfig.DEFAULT_MAX_SSE_CLIENTS);
  }

  @Test
  void shouldTreatABlankTokenAsNone() {
    assertThat(DashboardConfig.fromMap(Map.of(DashboardConfig.BEARER_TOKEN, " ")).bearerToken())
        .isEqualTo(Optional.empty());
  }

  @Test
  void shouldNameTheKeyOfANumberThatDoesNotParse() {
    assertThatThrownBy(() -> DashboardConfig.fromMap(Map.of(DashboardConfig.PORT, "eighty")))
        .hasMessageContaining(DashboardConfig.PORT).hasMessageContaining("eighty");
  }
}
