package io.gmnstream.streamjobs.monitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With a bearer token configured: the API, peers' endpoints and metrics need it, the page does not. */
class DashboardAuthTest {
  private static final String TOKEN = "s3cr3t-token_42";

  private static KafkaTestKit kafka;
  private static LiveFeed feed;
  private static DashboardServer server;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    kafka = KafkaTestKit.start();
    feed = kafka.liveFeed(10);
    InMemoryRunQueries runs = new InMemoryRunQueries().with(InMemoryRunQueries.history("run-a", "OK", List.of()));
    server = DashboardServer.builder(DashboardConfig.defaults().withPort(0).withBearerToken(TOKEN))
        .runs(runs).localRuns(runs).feed(feed).metrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
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

  @ParameterizedTest
  @ValueSource(strings = {"/api/runs", "/api/runs/run-a", "/api/alerts", "/api/health", "/api/events",
      "/api/unknown", "/internal/runs", "/internal/runs/run-a", "/metrics"})
  void shouldRefuseProtectedEndpointsWithoutTheToken(String path) throws Exception {
    HttpResponse<String> response = http.get(path);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        challenge -> assertThat(challenge).startsWith("Bearer "));
    assertThat(response.body()).contains("Authorization: Bearer").doesNotContain(TOKEN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/runs", "/internal/runs", "/metrics", "/api/health"})
  void shouldServeProtectedEndpointsWithTheToken(String path) throws Exception {
    HttpResponse<String> response = http.get(path, "Authorization", "Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldRefuseAWrongTokenAsInvalid() throws Exception {
    HttpResponse<String> response = http.get("/api/runs", "Authorization", "Bearer " + TOKEN + "x");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        challenge -> assertThat(challenge).contains("error=\"invalid_token\""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/dashboard.js", "/dashboard.css", "/webjars/chart.js/dist/chart.umd.min.js", "/healthz"})
  void shouldServeThePageAndProbeWithoutAToken(String path) throws Exception {
    assertThat(http.get(path).statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAcceptTheTokenAsAQueryParameterOnTheEventStreamOnly() throws Exception {
    HttpResponse<String> runsWithQueryToken = http.get("/api/runs?access_token=" + TOKEN);
    try (EventStream events = EventStream.open(http, "/api/events?access_token=" + TOKEN);
         EventStream wrong = EventStream.open(http, "/api/events?access_token=nope")) {

      assertThat(events.response.statusCode()).isEqualTo(200);
      assertThat(events.response.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
      assertThat(wrong.response.statusCode()).isEqualTo(401);
    }
    assertThat(runsWithQueryToken.statusCode()).isEqualTo(401);
  }
}
