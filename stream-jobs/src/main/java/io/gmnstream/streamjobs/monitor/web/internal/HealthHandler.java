package io.gmnstream.streamjobs.monitor.web.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.gmnstream.streamjobs.monitor.web.Health;
import io.gmnstream.streamjobs.monitor.web.LiveFeed;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /healthz} and {@code /api/health}: {@code {"status":"UP","feed":"LIVE","eventClients":2,
 * "details":{...}}}, 200 when up, 503 (DOWN) when the monitor's health check says so, when the check
 * itself fails, or when the live feed has failed.
 */
public final class HealthHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(HealthHandler.class);

  record HealthBody(String status, String feed, int eventClients, Map<String, String> details) {}

  private final Supplier<Health> check;
  private final Supplier<LiveFeed.State> feedState;
  private final SseHub events;

  public HealthHandler(Supplier<Health> check, Supplier<LiveFeed.State> feedState, SseHub events) {
    this.check = Objects.requireNonNull(check, "check");
    this.feedState = Objects.requireNonNull(feedState, "feedState");
    this.events = Objects.requireNonNull(events, "events");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (!path.equals("/healthz") && !path.equals("/api/health")) {
      HttpResponses.notFound(exchange);
      return;
    }
    Health health = currentHealth();
    LiveFeed.State feed = feedState.get();
    boolean up = health.up() && feed != LiveFeed.State.FAILED;
    HttpResponses.json(exchange, up ? 200 : 503,
        new HealthBody(up ? "UP" : "DOWN", feed.name(), events.clients(), health.details()));
  }

  private Health currentHealth() {
    try {
      return Objects.requireNonNull(check.get(), "the health check returned null");
    } catch (RuntimeException e) {
      LOG.warn("The monitor's health check failed; reporting DOWN", e);
      return Health.down("health check failed: " + e);
    }
  }
}
