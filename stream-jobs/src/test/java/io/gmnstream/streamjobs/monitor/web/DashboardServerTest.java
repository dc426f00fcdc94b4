package io.gmnstream.streamjobs.monitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.AlertSeverity;
import io.gmnstream.schemas.avro.AlertStatus;
import io.gmnstream.streamjobs.monitor.query.RunHistory;
import io.gmnstream.streamjobs.monitor.query.RunQueries;
import io.gmnstream.streamjobs.monitor.query.RunSummary;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dashboard's REST API, page and metrics, over a real broker and registry. */
class DashboardServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static KafkaTestKit kafka;
  private static LiveFeed feed;
  private static PrometheusMeterRegistry prometheus;
  private static final AtomicReference<Health> HEALTH = new AtomicReference<>(Health.healthy());
  private static DashboardServer server;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    kafka = KafkaTestKit.start();
    prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    feed = kafka.liveFeed(50, new RunMetrics(prometheus));
    RunQueries everywhere = new InMemoryRunQueries()
        .with(InMemoryRunQueries.history("run-a", "OK", List.of()))
        .with(InMemoryRunQueries.history("run-b", "CRITICAL", List.of("accuracy_collapse")))
        .with(InMemoryRunQueries.history("team/run 7", "WARNING", List.of()));
    RunQueries here = new InMemoryRunQueries().with(InMemoryRunQueries.history("run-a", "OK", List.of()));
    server = DashboardServer.builder(DashboardConfig.defaults().withPort(0))
        .runs(everywhere).localRuns(here).feed(feed).metrics(prometheus).health(HEALTH::get)
        .start();
    http = new Http(server.port());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (feed != null) {
      feed.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldListEveryRunAsSummaries() throws Exception {
    HttpResponse<String> response = http.get("/api/runs");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    JsonNode runs = JSON.readTree(response.body());
    assertThat(runs.isArray()).isTrue();
    assertThat(runs).extracting(run -> run.get("runId").asText()).containsExactly("run-a", "run-b", "team/run 7");
    JsonNode critical = runs.get(1);
    assertThat(critical.get("task").asText()).isEqualTo("cifar10");
    assertThat(critical.get("latestStep").asLong()).isEqualTo(200);
    assertThat(critical.get("latestPredictedTestAccuracy").asDouble()).isEqualTo(0.71);
    assertThat(critical.get("trend").asDouble()).isEqualTo(0.015);
    assertThat(critical.get("state").asText()).isEqualTo("CRITICAL");
    assertThat(critical.get("activeAlerts")).extracting(JsonNode::asText).containsExactly("accuracy_collapse");
    assertThat(critical.get("measuredTestAccuracy").asDouble()).isEqualTo(0.69);
  }

  @Test
  void shouldAnswerOneRunsHistoryInStepOrder() throws Exception {
    HttpResponse<String> response = http.get("/api/runs/run-b");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode history = JSON.readTree(response.body());
    assertThat(history.get("summary").get("runId").asText()).isEqualTo("run-b");
    JsonNode points = history.get("points");
    assertThat(points).extracting(point -> point.get("step").asLong()).containsExactly(100L, 200L);
    assertThat(points.get(0).get("measuredTestAccuracy").isNull()).isTrue();
    assertThat(points.get(1).get("measuredTestAccuracy").asDouble()).isEqualTo(0.69);
    assertThat(points.get(1).get("predictedGeneralizationGap").asDouble()).isEqualTo(0.04);
  }

  @Test
  void shouldDecodeRunIdsWithSlashesAndSpaces() throws Exception {
    String encoded = URLEncoder.encode("team/run 7", StandardCharsets.UTF_8).replace("+", "%20");

    HttpResponse<String> response = http.get("/api/runs/" + encoded);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).get("summary").get("runId").asText()).isEqualTo("team/run 7");
  }

  @Test
  void shouldAnswerUnknownRunWithJson404() throws Exception {
    HttpResponse<String> response = http.get("/api/runs/no-such-run");

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode error = JSON.readTree(response.body());
    assertThat(error.get("status").asInt()).isEqualTo(404);
    assertThat(error.get("error").asText()).contains("no-such-run");
  }

  @Test
  void shouldAnswerPeersFromThisInstancesStoresOnly() throws Exception {
    HttpResponse<String> runs = http.get("/internal/runs");
    HttpResponse<String> local = http.get("/internal/runs/run-a");
    HttpResponse<String> elsewhere = http.get("/internal/runs/run-b");

    assertThat(JSON.readTree(runs.body())).extracting(run -> run.get("runId").asText()).containsExactly("run-a");
    assertThat(local.statusCode()).isEqualTo(200);
    assertThat(JSON.readValue(local.body(), RunHistory.class))
        .as("a peer reads the history back into the shared record")
        .isEqualTo(InMemoryRunQueries.history("run-a", "OK", List.of()));
    assertThat(elsewhere.statusCode()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/nothing", "/nothing.html", "/api/runsXYZ", "/internal/other", "/metricsX",
      "/webjars/chart.js/dist/no-such.js"})
  void shouldAnswerUnknownPathsWithJson404(String path) throws Exception {
    HttpResponse<String> response = http.get(path);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(JSON.readTree(response.body()).get("error").asText()).isNotBlank();
  }

  @Test
  void shouldRefuseWritesWith405() throws Exception {
    HttpRequest post = http.request("/api/runs").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    HttpRequest delete = http.request("/api/alerts").DELETE().build();

    HttpResponse<String> posted = http.send(post);
    HttpResponse<String> deleted = http.send(delete);

    assertThat(posted.statusCode()).isEqualTo(405);
    assertThat(posted.headers().firstValue("Allow")).hasValue("GET, HEAD");
    assertThat(deleted.statusCode()).isEqualTo(405);
  }

  @Test
  void shouldServeThePageWithItsContentTypes() throws Exception {
    HttpResponse<String> page = http.get("/");
    HttpResponse<String> script = http.get("/dashboard.js");
    HttpResponse<String> style = http.get("/dashboard.css");
    HttpResponse<String> chartJs = http.get("/webjars/chart.js/dist/chart.umd.min.js");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(page.body()).contains("<table id=\"runs\"", "<canvas id=\"run-chart\"", "<ul id=\"alerts\"",
        "id=\"connection\"", "webjars/chart.js/dist/chart.umd.min.js", "dashboard.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    assertThat(script.body()).contains("new EventSource(");
    assertThat(style.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    assertThat(chartJs.statusCode()).isEqualTo(200);
    assertThat(chartJs.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    assertThat(chartJs.body()).contains("Chart");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/../pom.xml", "/%2e%2e/%2e%2e/pom.xml", "/webjars/chart.js/../../../../../../etc/passwd",
      "/webjars/chart.js/%2e%2e/%2e%2e/%2e%2e/io/gmnstream/streamjobs/monitor/web/DashboardServer.class",
      "/.hidden.js", "/a//b.js", "/..%2fpom.xml"})
  void shouldRefusePathTraversal(String path) throws Exception {
    HttpResponse<String> response = http.get(path);

    assertThat(response.statusCode()).isIn(400, 404);
    assertThat(response.body()).doesNotContain("<project", "root:", "CAFEBABE");
  }

  @Test
  void shouldNotServeClassFilesNextToThePage() throws Exception {
    HttpResponse<String> response = http.get("/DashboardServer.class");

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void shouldReportHealthFromTheSuppliedCheck() throws Exception {
    HttpResponse<String> up = http.get("/healthz");
    HEALTH.set(Health.down("streams are REBALANCING"));
    HttpResponse<String> down;
    HttpResponse<String> apiDown;
    try {
      down = http.get("/healthz");
      apiDown = http.get("/api/health");
    } finally {
      HEALTH.set(Health.healthy());
    }

    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(up.body()).get("status").asText()).isEqualTo("UP");
    assertThat(JSON.readTree(up.body()).get("feed").asText()).isEqualTo("LIVE");
    assertThat(down.statusCode()).isEqualTo(503);
    JsonNode downBody = JSON.readTree(down.body());
    assertThat(downBody.get("status").asText()).isEqualTo("DOWN");
    assertThat(downBody.get("details").get("reason").asText()).isEqualTo("streams are REBALANCING");
    assertThat(apiDown.statusCode()).isEqualTo(503);
  }

  @Test
  void shouldAnswer500WhenAHandlerFailsAndKeepServing() throws Exception {
    RunQueries broken = new RunQueries() {
      @Override
      public List<RunSummary> runs() {
        throw new IllegalStateException("store not ready");
      }

      @Override
      public Optional<RunHistory> run(String runId) {
        throw new IllegalStateException("store not ready");
      }
    };
    try (DashboardServer brokenServer = DashboardServer.builder(DashboardConfig.defaults().withPort(0))
        .runs(broken).localRuns(broken).feed(feed).metrics(prometheus).start()) {
      Http brokenHttp = new Http(brokenServer.port());

      HttpResponse<String> first = brokenHttp.get("/api/runs");
      HttpResponse<String> second = brokenHttp.get("/api/runs/run-a");
      HttpResponse<String> health = brokenHttp.get("/healthz");

      assertThat(first.statusCode()).isEqualTo(500);
      assertThat(JSON.readTree(first.body()).get("error").asText()).contains("IllegalStateException");
      assertThat(second.statusCode()).isEqualTo(500);
      assertThat(health.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void shouldAnswer503WithRetryAfterWhileTheStoresAreNotQueryable() throws Exception {
    RunQueries rebalancing = new RunQueries() {
      @Override
      public List<RunSummary> runs() {
        throw new InvalidStateStoreException("run-state is migrating");
      }

      @Override
      public Optional<RunHistory> run(String runId) {
        throw new InvalidStateStoreException("run-state is migrating");
      }
    };
    try (DashboardServer starting = DashboardServer.builder(DashboardConfig.defaults().withPort(0))
        .runs(rebalancing).localRuns(rebalancing).feed(feed).metrics(prometheus).start()) {
      HttpResponse<String> response = new Http(starting.port()).get("/api/runs/run-a");

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(JSON.readTree(response.body()).get("error").asText()).contains("starting or rebalancing");
    }
  }

  @Test
  void shouldServeRecentAlertsNewestFirst() throws Exception {
    kafka.send(Topics.ALERTS.name(), "run-x", TestRecords.alert("x-1", "run-x", AlertSeverity.WARNING,
        AlertStatus.FIRING, 10));
    kafka.send(Topics.ALERTS.name(), "run-x", TestRecords.alert("x-2", "run-x", AlertSeverity.CRITICAL,
        AlertStatus.FIRING, 20));

    Await.until("both alerts in /api/alerts", () -> alertIds(http.get("/api/alerts")).containsAll(
        List.of("x-1", "x-2")));

    JsonNode alerts = JSON.readTree(http.get("/api/alerts").body());
    List<String> ids = alertIds(http.get("/api/alerts"));
    assertThat(ids.indexOf("x-2")).isLessThan(ids.indexOf("x-1"));
    JsonNode newest = alerts.get(ids.indexOf("x-2"));
    assertThat(newest.get("runId").asText()).isEqualTo("run-x");
    assertThat(newest.get("rule").asText()).isEqualTo("accuracy_collapse");
    assertThat(newest.get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(newest.get("status").asText()).isEqualTo("FIRING");
    assertThat(newest.get("step").asLong()).isEqualTo(20);
    assertThat(newest.get("message").asText()).contains("fell below");
    assertThat(newest.get("evidence").get("threshold").asText()).isEqualTo("0.2");
    assertThat(newest.get("raisedAtMillis").asLong()).isEqualTo(TestRecords.T0.plusSeconds(20).toEpochMilli());
    assertThat(JSON.readTree(http.get("/api/alerts?limit=1").body())).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"limit=abc", "limit=0", "limit=-3", "limit=1.5"})
  void shouldRefuseABadAlertLimitWith400(String query) throws Exception {
    HttpResponse<String> response = http.get("/api/alerts?" + query);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("error").asText()).isNotBlank();
  }

  @Test
  void shouldExposeEachRunsPredictedAccuracyToPrometheus() throws Exception {
    kafka.send(Topics.SCORES.name(), "run-m", TestRecords.score("run-m", 300, 0.8125));
    String series = "gmn_run_predicted_test_accuracy{run_id=\"run-m\",task=\"cifar10\"} 0.8125";

    Await.until("the run's gauge in /metrics", () -> http.get("/metrics").body().contains(series));

    HttpResponse<String> metrics = http.get("/metrics");
    assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(metrics.body()).contains("gmn_run_latest_step{run_id=\"run-m\",task=\"cifar10\"} 300");
  }

  private static List<String> alertIds(HttpResponse<String> response) throws IOException {
    return StreamSupport.stream(JSON.readTree(response.body()).spliterator(), false)
        .map(alert -> alert.get("alertId").asText()).toList();
  }
}
