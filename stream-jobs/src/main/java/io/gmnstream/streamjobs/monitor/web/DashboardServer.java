package io.gmnstream.streamjobs.monitor.web;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.gmnstream.streamjobs.monitor.query.RunQueries;
import io.gmnstream.streamjobs.monitor.web.internal.AlertsHandler;
import io.gmnstream.streamjobs.monitor.web.internal.BearerTokenFilter;
import io.gmnstream.streamjobs.monitor.web.internal.ChartJsWebjar;
import io.gmnstream.streamjobs.monitor.web.internal.ErrorGuardFilter;
import io.gmnstream.streamjobs.monitor.web.internal.EventsHandler;
import io.gmnstream.streamjobs.monitor.web.internal.GetOnlyFilter;
import io.gmnstream.streamjobs.monitor.web.internal.HealthHandler;
import io.gmnstream.streamjobs.monitor.web.internal.HttpResponses;
import io.gmnstream.streamjobs.monitor.web.internal.MetricsHandler;
import io.gmnstream.streamjobs.monitor.web.internal.RunsHandler;
import io.gmnstream.streamjobs.monitor.web.internal.SseHub;
import io.gmnstream.streamjobs.monitor.web.internal.StaticFileHandler;
import io.gmnstream.streamjobs.monitor.web.internal.StaticFiles;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run monitor's dashboard: the page, its REST API, a server-sent-events feed and Prometheus
 * metrics, on the JDK's HTTP server.
 *
 * <pre>
 * GET /                         the page (index.html, dashboard.js, dashboard.css next to it)
 * GET /webjars/chart.js/...     Chart.js, from its webjar
 * GET /api/runs                 every run: [RunSummary]
 * GET /api/runs/{runId}         one run: RunHistory, or 404
 * GET /api/alerts?limit=N       recent alerts, newest first
 * GET /api/events               text/event-stream: "score" and "alert" events
 * GET /api/health, /healthz     {"status":"UP",...}, 503 when DOWN
 * GET /metrics                  Prometheus text
 * GET /internal/runs[/{runId}]  like /api/runs, from this instance's stores only (for peer instances)
 * </pre>
 *
 * With a bearer token configured, {@code /api/*}, {@code /internal/*} and {@code /metrics} need it;
 * the page and {@code /healthz} (for probes) stay public.
 *
 * <pre>{@code
 * try (DashboardServer server = DashboardServer.builder(config)
 *     .runs(allInstances).localRuns(thisInstance).feed(feed).metrics(prometheus).health(check)
 *     .start()) { ... }
 * }</pre>
 */
public final class DashboardServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);

  /** Where the page's files live on the classpath. */
  static final String PAGE_FOLDER = "io/gmnstream/streamjobs/monitor/web/dashboard/";
  static final String WEBJAR_PATH = "/webjars/chart.js/";

  private final HttpServer server;
  private final ExecutorService executor;
  private final SseHub events;
  private final AutoCloseable feedSubscription;

  private DashboardServer(HttpServer server, ExecutorService executor, SseHub events,
                          AutoCloseable feedSubscription) {
    this.server = server;
    this.executor = executor;
    this.events = events;
    this.feedSubscription = feedSubscription;
  }

  public static Builder builder(DashboardConfig config) {
    return new Builder(config);
  }

  /** The port listened on: the configured one, or the one picked for port 0. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Event-stream clients connected now. */
  public int eventClients() {
    return events.clients();
  }

  /** Ends the event streams, then stops serving. The feed, queries and registry are the caller's. */
  @Override
  public void close() {
    try {
      feedSubscription.close();
    } catch (Exception e) {
      LOG.warn("Unsubscribing the dashboard from the live feed failed", e);
    }
    events.close();
    server.stop(0);
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("Some dashboard HTTP threads are still running after the server stopped");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What the dashboard serves from; every part but the health check is required. */
  public static final class Builder {
    private final DashboardConfig config;
    private RunQueries runs;
    private RunQueries localRuns;
    private LiveFeed feed;
    private Supplier<String> metrics;
    private Supplier<Health> health = Health::healthy;

    private Builder(DashboardConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** Answers {@code /api/runs}: every run of the application, whichever instance holds it. */
    public Builder runs(RunQueries allInstances) {
      this.runs = Objects.requireNonNull(allInstances, "runs");
      return this;
    }

    /** Answers {@code /internal/runs}: only the runs in this instance's stores. */
    public Builder localRuns(RunQueries thisInstance) {
      this.localRuns = Objects.requireNonNull(thisInstance, "localRuns");
      return this;
    }

    /** Recent alerts and the event stream. The server subscribes to it; start the feed yourself. */
    public Builder feed(LiveFeed liveFeed) {
      this.feed = Objects.requireNonNull(liveFeed, "feed");
      return this;
    }

    /** Serves {@code /metrics} from this registry (which {@link RunMetrics} should record into). */
    public Builder metrics(PrometheusMeterRegistry registry) {
      Objects.requireNonNull(registry, "metrics");
      return metricsText(registry::scrape);
    }

    /** Serves {@code /metrics} from any Prometheus text exposition. */
    public Builder metricsText(Supplier<String> prometheusText) {
      this.metrics = Objects.requireNonNull(prometheusText, "metricsText");
      return this;
    }

    /** The monitor's health; DOWN answers 503. Defaults to always up. */
    public Builder health(Supplier<Health> check) {
      this.health = Objects.requireNonNull(check, "health");
      return this;
    }

    /**
     * Binds and starts serving.
     *
     * @throws UncheckedIOException when the address cannot be bound (port in use, unknown address)
     */
    public DashboardServer start() {
      requireSet(runs, "runs");
      requireSet(localRuns, "localRuns");
      requireSet(feed, "feed");
      requireSet(metrics, "metrics");
      // Resolved before binding, so a missing webjar fails the start without a port left bound.
      // The URL names no version: cached for an hour, so an upgraded Chart.js shows within one.
      StaticFiles chartJs = new StaticFiles(ChartJsWebjar.classpathFolder(), "public, max-age=3600");
      SseHub events = new SseHub(config.maxSseClients(), config.sseClientQueue(), config.sseHeartbeat());
      HttpServer server = bind();
      // Cached, not fixed: each open event stream holds a thread (at most maxSseClients of them).
      ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
      server.setExecutor(executor);
      route(server, events, chartJs);
      AutoCloseable subscription = feed.subscribe(events);
      server.start();
      DashboardServer started = new DashboardServer(server, executor, events, subscription);
      LOG.info("Dashboard at http://{}:{}/ ({})", config.bindAddress(), started.port(),
          config.bearerToken().isPresent() ? "API requires the bearer token" : "no token");
      return started;
    }

    private void route(HttpServer server, SseHub events, StaticFiles chartJs) {
      StaticFiles page = new StaticFiles(PAGE_FOLDER, "no-cache");
      HttpHandler notFound = HttpResponses::notFound;

      serve(server, "/", new StaticFileHandler("/", page, "index.html"), Access.PUBLIC);
      serve(server, WEBJAR_PATH, new StaticFileHandler(WEBJAR_PATH, chartJs, null), Access.PUBLIC);
      serve(server, "/healthz", new HealthHandler(health, feed::state, events), Access.PUBLIC);
      serve(server, "/api/", notFound, Access.TOKEN);
      serve(server, "/api/runs", new RunsHandler("/api/runs", runs), Access.TOKEN);
      serve(server, AlertsHandler.PATH, new AlertsHandler(feed::recentAlerts, feed.recentAlertsCapacity()),
          Access.TOKEN);
      serve(server, "/api/health", new HealthHandler(health, feed::state, events), Access.TOKEN);
      serve(server, EventsHandler.PATH, new EventsHandler(events), Access.TOKEN_OR_QUERY_TOKEN);
      serve(server, "/internal/", notFound, Access.TOKEN);
      serve(server, "/internal/runs", new RunsHandler("/internal/runs", localRuns), Access.TOKEN);
      serve(server, MetricsHandler.PATH, new MetricsHandler(metrics), Access.TOKEN);
    }

    private enum Access { PUBLIC, TOKEN, TOKEN_OR_QUERY_TOKEN }

    /** Filters run in order: errors are caught outermost, then the token, then the method is checked. */
    private void serve(HttpServer server, String path, HttpHandler handler, Access access) {
      HttpContext context = server.createContext(path, handler);
      List<Filter> filters = new ArrayList<>();
      filters.add(new ErrorGuardFilter());
      if (access != Access.PUBLIC) {
        config.bearerToken().ifPresent(token ->
            filters.add(new BearerTokenFilter(token, access == Access.TOKEN_OR_QUERY_TOKEN)));
      }
      filters.add(new GetOnlyFilter());
      context.getFilters().addAll(filters);
    }

    private HttpServer bind() {
      try {
        return HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 0);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot serve the dashboard on " + config.bindAddress() + ":" + config.port()
            + " (" + e.getMessage() + "): pick a free " + DashboardConfig.PORT + ", or 0 for any", e);
      }
    }

    private static ThreadFactory daemonThreads() {
      AtomicInteger count = new AtomicInteger();
      return runnable -> {
        Thread thread = new Thread(runnable, "gmn-dashboard-http-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      };
    }

    private static void requireSet(Object part, String method) {
      if (part == null) {
        throw new IllegalStateException("DashboardServer.Builder." + method + "(...) was not called");
      }
    }
  }
}
