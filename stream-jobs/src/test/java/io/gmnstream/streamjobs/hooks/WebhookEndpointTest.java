package io.gmnstream.streamjobs.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmnstream.schemas.avro.AlertSeverity;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookEndpointTest {

  private static final URI URL = URI.create("https://hooks.slack.com/services/T0/B0/tokenXYZ");

  @Test
  void shouldUseDefaultsWhenBuiltWithOf() {
    WebhookEndpoint endpoint = WebhookEndpoint.of("ops", URL, BodyFormat.SLACK);

    assertThat(endpoint.secret()).isEmpty();
    assertThat(endpoint.requestTimeout()).isEqualTo(WebhookEndpoint.DEFAULT_REQUEST_TIMEOUT);
    assertThat(endpoint.minSeverity()).isEmpty();
  }

  @Test
  void shouldHideSecretAndUrlPathWhenPrinted() {
    String printed = WebhookEndpoint.of("ops", URL, BodyFormat.SLACK).withSecret("hunter2").toString();

    assertThat(printed).contains("ops", "https://hooks.slack.com", "<hidden>")
        .doesNotContain("hunter2", "tokenXYZ");
  }

  @Test
  void shouldRefuseNonHttpUrlNamingTheField() {
    assertThatThrownBy(() -> WebhookEndpoint.of("ops", URI.create("ftp://example.com/x"), BodyFormat.JSON))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WebhookEndpoint 'ops'.url").hasMessageContaining("http or https");
  }

  @Test
  void shouldRefuseBadNameBlankSecretAndZeroTimeout() {
    assertThatThrownBy(() -> WebhookEndpoint.of("has space", URL, BodyFormat.JSON))
        .hasMessageContaining("WebhookEndpoint.name");
    WebhookEndpoint ok = WebhookEndpoint.of("ops", URL, BodyFormat.JSON);
    assertThatThrownBy(() -> ok.withSecret(" ")).hasMessageContaining("'ops'.secret");
    assertThatThrownBy(() -> ok.withRequestTimeout(Duration.ZERO))
        .hasMessageContaining("'ops'.requestTimeout");
    assertThatThrownBy(() -> ok.withMinSeverity(AlertSeverity.UNKNOWN))
        .hasMessageContaining("'ops'.minSeverity").hasMessageContaining("INFO, WARNING, CRITICAL");
  }

  @Test
  void shouldAcceptOnlyAtLeastMinSeverityWhenOneIsSet() {
    WebhookEndpoint pager = WebhookEndpoint.of("pager", URL, BodyFormat.JSON)
        .withMinSeverity(AlertSeverity.WARNING);

    assertThat(pager.accepts(AlertSeverity.INFO)).isFalse();
    assertThat(pager.accepts(AlertSeverity.WARNING)).isTrue();
    assertThat(pager.accepts(AlertSeverity.CRITICAL)).isTrue();
    assertThat(pager.accepts(AlertSeverity.UNKNOWN)).as("unknown severities are not dropped").isTrue();
    assertThat(WebhookEndpoint.of("all", URL, BodyFormat.JSON).accepts(AlertSeverity.INFO)).isTrue();
  }
}
