package io.gmnstream.streamjobs.hooks.internal;

import io.gmnstream.streamjobs.hooks.WebhookEndpoint;
import io.gmnstream.streamjobs.hooks.WebhookHeaders;
import io.gmnstream.streamjobs.hooks.WebhookSignature;
import java.net.http.HttpRequest;

/** Builds the HTTP request of a delivery attempt: the POST, its headers and its signature. */
final class WebhookRequests {

  private WebhookRequests() {}

  static HttpRequest build(AlertDelivery delivery) {
    WebhookEndpoint endpoint = delivery.endpoint();
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.url())
        .timeout(endpoint.requestTimeout())
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", WebhookHeaders.USER_AGENT)
        .header(WebhookHeaders.EVENT, WebhookHeaders.EVENT_ALERT)
        .header(WebhookHeaders.DELIVERY, delivery.deliveryId())
        .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
    endpoint.secret().ifPresent(secret ->
        request.header(WebhookHeaders.SIGNATURE, WebhookSignature.sign(secret, delivery.body())));
    return request.build();
  }
}
