package io.gmnstream.streamjobs.monitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.AlertSeverity;
import io.gmnstream.schemas.avro.AlertStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event stream: scores and alerts from Kafka reach every connected client as JSON events. */
class DashboardEventsTest {
  private static KafkaTestKit kafka;
  private static LiveFeed feed;

  private DashboardServer server;
  private Http http;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = KafkaTestKit.start();
    feed = kafka.liveFeed(10);
  }

  @AfterAll
  static void stopKafka() {
    if (feed != null) {
      feed.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @BeforeEach
  void startServer() {
    start(DashboardConfig.defaults().withPort(0).withSseHeartbeat(Duration.ofMillis(200)));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void shouldStreamScoresAndAlertsAsJsonEvents() throws Exception {
    try (EventStream events = EventStream.open(http, "/api/events")) {
      assertThat(events.response.statusCode()).isEqualTo(200);
      assertThat(events.response.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");

      kafka.send(Topics.SCORES.name(), "run-e", TestRecords.scoreBuilder("run-e", 500, 0.625)
          .setMetrics(Map.of("test_accuracy", 0.61, "train_loss", 0.9)).setFlags(List.of("slow_progress")).build());
      kafka.send(Topics.ALERTS.name(), "run-e", TestRecords.alert("e-1", "run-e", AlertSeverity.CRITICAL,
          AlertStatus.FIRING, 500));

      JsonNode score = events.next(event -> event.type().equals("score")
          && event.data().get("runId").asText().equals("run-e")).data();
      assertThat(score.get("step").asLong()).isEqualTo(500);
      assertThat(score.get("task").asText()).isEqualTo("cifar10");
      assertThat(score.get("predictedTestAccuracy").asDouble()).isEqualTo(0.625);
      assertThat(score.get("predictedGeneralizationGap").asDouble()).isEqualTo(0.05);
      assertThat(score.get("measuredTestAccuracy").asDouble()).isEqualTo(0.61);
      assertThat(score.get("modelVersion").asText()).isEqualTo("3");
      assertThat(score.get("scoredAtMillis").asLong()).isEqualTo(TestRecords.T0.plusSeconds(501).toEpochMilli());
      assertThat(score.get("flags")).extracting(JsonNode::asText).containsExactly("slow_progress");

      JsonNode alert = events.next(event -> event.type().equals("alert")
          && event.data().get("alertId").asText().equals("e-1")).data();
      assertThat(alert.get("runId").asText()).isEqualTo("run-e");
      assertThat(alert.get("severity").asText()).isEqualTo("CRITICAL");
      assertThat(alert.get("status").asText()).isEqualTo("FIRING");
      assertThat(alert.get("evidence").get("predictedTestAccuracy").asText()).isEqualTo("0.12");
    }
  }

  @Test
  void shouldSendNullMeasuredAccuracyWhenTheRunReportsNone() throws Exception {
    try (EventStream events = EventStream.open(http, "/api/events")) {
      kafka.send(Topics.SCORES.name(), "run-n", TestRecords.score("run-n", 1, 0.3));

      JsonNode score = events.next(event -> event.data().get("runId").asText().equals("run-n")).data();

      assertThat(score.get("measuredTestAccuracy").isNull()).isTrue();
    }
  }

  @Test
  void shouldSendHeartbeatsOnAnIdleStream() throws Exception {
    try (EventStream events = EventStream.open(http, "/api/events")) {
      assertThat(events.nextComment()).isEqualTo("connected");
      assertThat(events.nextComment()).isEqualTo("heartbeat");
    }
  }

  @Test
  void shouldKeepServingAFastClientWhileAnotherStopsReading() throws Exception {
    try (Socket stalled = stalledEventStreamClient();
         EventStream fast = EventStream.open(http, "/api/events")) {
      assertThat(stalled.isConnected()).isTrue();
      Await.until("both clients connected", () -> server.eventClients() == 2);

      int published = 300;
      for (int step = 0; step < published; step++) {
        kafka.send(Topics.SCORES.name(), "run-slow", TestRecords.score("run-slow", step, 0.5));
      }

      Set<Long> received = new HashSet<>();
      while (received.size() < published) {
        received.add(fast.next(event -> event.data().get("runId").asText().equals("run-slow")).data()
            .get("step").asLong());
      }
      assertThat(received).hasSize(published);
    }
  }

  @Test
  void shouldRefuseClientsBeyondTheMaximumWith503() throws Exception {
    server.close();
    start(DashboardConfig.defaults().withPort(0).withMaxSseClients(1));
    try (EventStream first = EventStream.open(http, "/api/events");
         EventStream second = EventStream.open(http, "/api/events")) {

      assertThat(first.response.statusCode()).isEqualTo(200);
      assertThat(second.response.statusCode()).isEqualTo(503);
    }
  }

  private void start(DashboardConfig config) {
    InMemoryRunQueries runs = new InMemoryRunQueries();
    server = DashboardServer.builder(config).runs(runs).localRuns(runs).feed(feed)
        .metrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).start();
    http = new Http(server.port());
  }

  /** Opens the event stream over a socket with a tiny receive buffer, and never reads from it. */
  private Socket stalledEventStreamClient() throws Exception {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(1024);
    socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
    OutputStream out = socket.getOutputStream();
    out.write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }
}
