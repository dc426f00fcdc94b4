package io.gmnstream.streamjobs.monitor.web.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.gmnstream.streamjobs.monitor.query.RunHistory;
import io.gmnstream.streamjobs.monitor.query.RunQueries;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET <base>}: every run as a JSON array of {@code RunSummary}; {@code GET <base>/{runId}}: one
 * run's {@code RunHistory}, or 404. Serves {@code /api/runs} (the whole application) and
 * {@code /internal/runs} (this instance's stores only, for peer instances) alike.
 */
public final class RunsHandler implements HttpHandler {

  private final String basePath;
  private final RunQueries queries;

  public RunsHandler(String basePath, RunQueries queries) {
    this.basePath = Objects.requireNonNull(basePath, "basePath");
    this.queries = Objects.requireNonNull(queries, "queries");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    // The decoded path: a run id with '/' or spaces arrives percent-encoded and is matched whole.
    String path = exchange.getRequestURI().getPath();
    if (path.equals(basePath)) {
      HttpResponses.json(exchange, 200, queries.runs());
      return;
    }
    String prefix = basePath + "/";
    if (!path.startsWith(prefix) || path.length() == prefix.length()) {
      HttpResponses.notFound(exchange);
      return;
    }
    String runId = path.substring(prefix.length());
    Optional<RunHistory> history = queries.run(runId);
    if (history.isPresent()) {
      HttpResponses.json(exchange, 200, history.get());
    } else {
      HttpResponses.error(exchange, 404, "no run '" + runId + "' is known to the monitor");
    }
  }
}
