package io.gmnstream.streamjobs.hooks.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmnstream.schemas.avro.AlertSeverity;
import io.gmnstream.schemas.avro.AlertStatus;
import io.gmnstream.schemas.avro.RunAlert;
import java.util.Locale;
import java.util.Map;

/**
 * A Slack incoming-webhook message: {@code text} (what notifications show) plus one attachment
 * whose colour is the severity, or green once RESOLVED, holding Block Kit blocks: the headline,
 * the evidence as fields, and the alert id and time. Alert text is escaped for Slack's mrkdwn and
 * cut to Slack's size limits, so a long message cannot get the request refused.
 */
final class SlackAlertBody implements AlertBodyRenderer {

  static final String RESOLVED_COLOUR = "#2eb67d";
  /** Slack shows at most 10 fields per section and 3000 characters per text. */
  private static final int MAX_FIELDS = 10;
  private static final int MAX_FIELD_CHARS = 1_900;
  private static final int MAX_TEXT_CHARS = 2_900;

  private final ObjectMapper mapper = new ObjectMapper();

  @Override
  public byte[] render(RunAlert alert) {
    ObjectNode body = mapper.createObjectNode();
    body.put("text", truncate(headline(alert), MAX_TEXT_CHARS));
    ObjectNode attachment = body.putArray("attachments").addObject();
    attachment.put("color", colour(alert));
    ArrayNode blocks = attachment.putArray("blocks");
    section(blocks).set("text", mrkdwn(truncate("*" + headline(alert) + "*", MAX_TEXT_CHARS)));
    Map<String, String> evidence = JsonAlertBody.sorted(alert.getEvidence());
    if (!evidence.isEmpty()) {
      ArrayNode fields = section(blocks).putArray("fields");
      evidence.entrySet().stream().limit(MAX_FIELDS).forEach(e -> fields.add(
          mrkdwn(truncate("*" + escape(e.getKey()) + "*\n" + escape(e.getValue()), MAX_FIELD_CHARS))));
    }
    ObjectNode context = blocks.addObject().put("type", "context");
    context.putArray("elements").add(mrkdwn(truncate("alert " + escape(alert.getAlertId())
        + " | " + alert.getStatus().name().toLowerCase(Locale.ROOT) + " at "
        + alert.getRaisedAtMillis(), MAX_FIELD_CHARS)));
    return JsonAlertBody.write(mapper, body);
  }

  /** E.g. {@code [CRITICAL] non_finite_weights: run r1 at step 300: weights are NaN}. */
  static String headline(RunAlert alert) {
    String tag = alert.getStatus() == AlertStatus.RESOLVED ? "RESOLVED" : alert.getSeverity().name();
    return "[" + tag + "] " + escape(alert.getRule()) + ": run " + escape(alert.getRunId())
        + " at step " + alert.getStep() + ": " + escape(alert.getMessage());
  }

  static String colour(RunAlert alert) {
    if (alert.getStatus() == AlertStatus.RESOLVED) {
      return RESOLVED_COLOUR;
    }
    return colour(alert.getSeverity());
  }

  static String colour(AlertSeverity severity) {
    return switch (severity) {
      case CRITICAL -> "#e01e5a";
      case WARNING -> "#ecb22e";
      case INFO -> "#36c5f0";
      case UNKNOWN -> "#868686";
    };
  }

  /** Slack mrkdwn treats {@code & < >} as markup (links, mentions): escape them as Slack asks. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private ObjectNode section(ArrayNode blocks) {
    return blocks.addObject().put("type", "section");
  }

  private ObjectNode mrkdwn(String text) {
    return mapper.createObjectNode().put("type", "mrkdwn").put("text", text);
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
