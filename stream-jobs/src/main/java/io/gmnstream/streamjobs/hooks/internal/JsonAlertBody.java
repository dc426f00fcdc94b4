package io.gmnstream.streamjobs.hooks.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmnstream.schemas.avro.RunAlert;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The generic body: the alert's fields as one flat JSON object, {@code raisedAt} in ISO-8601 UTC.
 * Evidence keys are sorted, so one alert always renders to the same bytes.
 */
final class JsonAlertBody implements AlertBodyRenderer {

  private final ObjectMapper mapper = new ObjectMapper();

  @Override
  public byte[] render(RunAlert alert) {
    ObjectNode body = mapper.createObjectNode();
    body.put("alertId", alert.getAlertId());
    body.put("runId", alert.getRunId());
    body.put("rule", alert.getRule());
    body.put("severity", alert.getSeverity().name());
    body.put("status", alert.getStatus().name());
    body.put("step", alert.getStep());
    body.put("message", alert.getMessage());
    ObjectNode evidence = body.putObject("evidence");
    sorted(alert.getEvidence()).forEach(evidence::put);
    body.put("raisedAt", alert.getRaisedAtMillis().toString());
    return write(mapper, body);
  }

  static Map<String, String> sorted(Map<String, String> evidence) {
    return evidence == null ? Map.of() : new TreeMap<>(evidence);
  }

  static byte[] write(ObjectMapper mapper, ObjectNode body) {
    try {
      return mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      // A tree of strings and numbers always serialises; this would be a Jackson bug.
      throw new UncheckedIOException("Cannot write a webhook body", e);
    }
  }
}
