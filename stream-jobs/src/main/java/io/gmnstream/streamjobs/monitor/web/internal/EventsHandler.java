package io.gmnstream.streamjobs.monitor.web.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /api/events}: a {@code text/event-stream} of the live feed's scores and alerts (see
 * {@link SseHub}), held open on this request's thread until the client leaves or falls behind.
 */
public final class EventsHandler implements HttpHandler {

  public static final String PATH = "/api/events";
  static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

  private final SseHub hub;

  public EventsHandler(SseHub hub) {
    this.hub = Objects.requireNonNull(hub, "hub");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getPath().equals(PATH)) {
      HttpResponses.notFound(exchange);
      return;
    }
    if ("HEAD".equals(exchange.getRequestMethod())) {
      HttpResponses.send(exchange, 200, EVENT_STREAM, new byte[0]);
      return;
    }
    Optional<SseClient> connected = hub.connect();
    if (connected.isEmpty()) {
      HttpResponses.error(exchange, 503, "too many event-stream clients (at most " + hub.maxClients()
          + ", dashboard.sse.max.clients): close a dashboard tab or raise the limit");
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", EVENT_STREAM);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Accel-Buffering", "no"); // nginx and friends: don't buffer the stream
    try (SseClient client = connected.get()) {
      exchange.sendResponseHeaders(200, 0); // 0: chunked, no length
      try (OutputStream out = exchange.getResponseBody()) {
        client.stream(out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the server is stopping
    }
  }
}
