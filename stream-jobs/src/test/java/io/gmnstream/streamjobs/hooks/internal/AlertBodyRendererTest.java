package io.gmnstream.streamjobs.hooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmnstream.schemas.avro.AlertSeverity;
import io.gmnstream.schemas.avro.AlertStatus;
import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.streamjobs.hooks.BodyFormat;
import io.gmnstream.streamjobs.hooks.TestAlerts;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class AlertBodyRendererTest {

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void shouldRenderEveryFieldWhenFormatIsJson() throws IOException {
    JsonNode body = render(BodyFormat.JSON, TestAlerts.critical("a-1"));

    assertThat(body.get("alertId").asText()).isEqualTo("a-1");
    assertThat(body.get("runId").asText()).isEqualTo("run-7");
    assertThat(body.get("rule").asText()).isEqualTo("accuracy_collapse");
    assertThat(body.get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(body.get("status").asText()).isEqualTo("FIRING");
    assertThat(body.get("step").asLong()).isEqualTo(1200);
    assertThat(body.get("message").asText()).isEqualTo("predicted accuracy fell to 0.12 < 0.5");
    assertThat(body.get("evidence").get("threshold").asText()).isEqualTo("0.5");
    assertThat(body.get("raisedAt").asText()).isEqualTo("2025-03-01T12:30:00Z");
  }

  @Test
  void shouldRenderSameBytesWhenRenderedTwice() {
    AlertBodyRenderer renderer = AlertBodyRenderer.of(BodyFormat.JSON);
    RunAlert alert = TestAlerts.critical("a-1");

    assertThat(renderer.render(alert)).isEqualTo(renderer.render(alert));
  }

  @Test
  void shouldColourBySeverityWhenSlackAlertIsFiring() throws IOException {
    JsonNode critical = render(BodyFormat.SLACK, TestAlerts.critical("a-1"));
    JsonNode warning = render(BodyFormat.SLACK,
        TestAlerts.alert("a-2", AlertSeverity.WARNING, AlertStatus.FIRING));

    assertThat(critical.get("text").asText()).startsWith("[CRITICAL] accuracy_collapse: run run-7 at step 1200");
    assertThat(colour(critical)).isEqualTo(SlackAlertBody.colour(AlertSeverity.CRITICAL));
    assertThat(colour(warning)).isEqualTo(SlackAlertBody.colour(AlertSeverity.WARNING))
        .isNotEqualTo(colour(critical));
    JsonNode blocks = critical.get("attachments").get(0).get("blocks");
    assertThat(blocks.get(0).get("type").asText()).isEqualTo("section");
    assertThat(blocks.get(1).get("fields")).hasSize(2);
    assertThat(blocks.get(2).get("type").asText()).isEqualTo("context");
  }

  @Test
  void shouldMarkResolvedInTextAndColourWhenSlackAlertIsResolved() throws IOException {
    JsonNode body = render(BodyFormat.SLACK,
        TestAlerts.alert("a-1", AlertSeverity.CRITICAL, AlertStatus.RESOLVED));

    assertThat(body.get("text").asText()).startsWith("[RESOLVED] accuracy_collapse");
    assertThat(colour(body)).isEqualTo(SlackAlertBody.RESOLVED_COLOUR);
  }

  @Test
  void shouldEscapeMarkupWhenSlackMessageHasAngleBrackets() throws IOException {
    RunAlert alert = TestAlerts.critical("a-1");
    alert.setMessage("<!channel> loss & accuracy > 1");

    String text = render(BodyFormat.SLACK, alert).get("text").asText();

    assertThat(text).contains("&lt;!channel&gt; loss &amp; accuracy &gt; 1").doesNotContain("<!channel>");
  }

  private JsonNode render(BodyFormat format, RunAlert alert) throws IOException {
    return mapper.readTree(AlertBodyRenderer.of(format).render(alert));
  }

  private static String colour(JsonNode slackBody) {
    return slackBody.get("attachments").get(0).get("color").asText();
  }
}
