package io.gmnstream.streamjobs.monitor.web.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** Writes complete responses (status, headers, body) to an exchange; HEAD requests get no body. */
public final class HttpResponses {

  public static final String JSON = "application/json; charset=utf-8";

  private HttpResponses() {}

  public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    // Without it a browser may "sniff" a JSON error body into HTML and run what a run id smuggled in.
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  public static void json(HttpExchange exchange, int status, Object value) throws IOException {
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    send(exchange, status, JSON, DashboardJson.bytes(value));
  }

  public static void error(HttpExchange exchange, int status, String message) throws IOException {
    send(exchange, status, JSON, DashboardJson.error(status, message));
  }

  public static void notFound(HttpExchange exchange) throws IOException {
    error(exchange, 404, "no such page or endpoint: " + exchange.getRequestURI().getPath()
        + " (the API is under /api/: runs, runs/{runId}, alerts, events, health)");
  }
}
