package io.gmnstream.streamjobs.monitor.web.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.gmnstream.schemas.avro.RunAlert;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * {@code GET /api/alerts?limit=N}: the most recent alerts, newest first, as a JSON array of
 * {@link AlertView}. {@code limit} defaults to {@value #DEFAULT_LIMIT} and is capped at what is kept.
 */
public final class AlertsHandler implements HttpHandler {

  public static final String PATH = "/api/alerts";
  public static final int DEFAULT_LIMIT = 50;

  private final IntFunction<List<RunAlert>> recentAlerts;
  private final int capacity;

  /**
   * @param recentAlerts the newest alerts, at most the given number
   * @param capacity the most alerts that are kept
   */
  public AlertsHandler(IntFunction<List<RunAlert>> recentAlerts, int capacity) {
    this.recentAlerts = Objects.requireNonNull(recentAlerts, "recentAlerts");
    this.capacity = capacity;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getPath().equals(PATH)) {
      HttpResponses.notFound(exchange);
      return;
    }
    int limit = QueryParameters.parse(exchange.getRequestURI().getRawQuery())
        .intInRange("limit", Math.min(DEFAULT_LIMIT, capacity), 1, capacity);
    HttpResponses.json(exchange, 200, recentAlerts.apply(limit).stream().map(AlertView::of).toList());
  }
}
