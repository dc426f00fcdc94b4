package io.gmnstream.streamjobs.hooks.internal;

import io.gmnstream.streamjobs.hooks.WebhookEndpoint;

/**
 * One alert record on its way to one endpoint. The body is rendered once, so every retry sends
 * (and signs) the same bytes under the same delivery id.
 *
 * @param source the record, with the original bytes its dead letter keeps
 * @param alertId the alert's id, for logs and dead-letter details
 * @param endpoint where it goes
 * @param deliveryId the {@value io.gmnstream.streamjobs.hooks.WebhookHeaders#DELIVERY} header
 * @param body the exact request body
 * @param pending finished once this delivery is delivered or dead-lettered
 */
public record AlertDelivery(
    AlertSource source,
    String alertId,
    WebhookEndpoint endpoint,
    String deliveryId,
    byte[] body,
    PendingRecord pending) {

  @Override
  public String toString() {
    return "delivery " + deliveryId + " of alert " + alertId + " (" + source + ") to webhook '"
        + endpoint.name() + "'";
  }
}
