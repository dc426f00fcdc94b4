package io.gmnstream.streamjobs.hooks.internal;

import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.streamjobs.hooks.BodyFormat;
import io.gmnstream.streamjobs.hooks.WebhookEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/** Turns an alert record and an endpoint into a delivery: the body in the endpoint's format, its id. */
public final class DeliveryFactory {

  private final Map<BodyFormat, AlertBodyRenderer> renderers = new EnumMap<>(BodyFormat.class);

  public DeliveryFactory() {
    for (BodyFormat format : BodyFormat.values()) {
      renderers.put(format, AlertBodyRenderer.of(format));
    }
  }

  public AlertDelivery create(AlertSource source, RunAlert alert, WebhookEndpoint endpoint,
      PendingRecord pending) {
    byte[] body = renderers.get(endpoint.format()).render(alert);
    return new AlertDelivery(source, alert.getAlertId(), endpoint,
        deliveryId(source, alert.getAlertId(), endpoint.name()), body, pending);
  }

  /**
   * Derived from the record's position and the endpoint rather than drawn at random, so it is the
   * same on every retry and when a restart re-reads the record: receivers de-duplicate on it. The
   * alert id is mixed in so a recreated topic reusing offsets gives new ids.
   */
  static String deliveryId(AlertSource source, String alertId, String endpointName) {
    String identity = source.topic() + '\n' + source.partition() + '\n' + source.offset() + '\n'
        + alertId + '\n' + endpointName;
    return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
