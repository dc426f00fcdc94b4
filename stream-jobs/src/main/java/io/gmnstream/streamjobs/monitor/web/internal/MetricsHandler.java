package io.gmnstream.streamjobs.monitor.web.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;

/** {@code GET /metrics}: the Prometheus text exposition of the monitor's meters. */
public final class MetricsHandler implements HttpHandler {

  public static final String PATH = "/metrics";
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Supplier<String> scrape;

  public MetricsHandler(Supplier<String> scrape) {
    this.scrape = Objects.requireNonNull(scrape, "scrape");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getPath().equals(PATH)) {
      HttpResponses.notFound(exchange);
      return;
    }
    HttpResponses.send(exchange, 200, PROMETHEUS_TEXT, scrape.get().getBytes(StandardCharsets.UTF_8));
  }
}
