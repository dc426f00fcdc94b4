package io.gmnstream.streamjobs.monitor.service;

import static io.gmnstream.streamjobs.monitor.support.Scores.of;
import static io.gmnstream.streamjobs.monitor.support.Scores.weights;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.gmnstream.embedded.kafka.TopicSpec;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.serde.AvroSerializer;
import io.gmnstream.streamjobs.hooks.AlertHooksConfig;
import io.gmnstream.streamjobs.hooks.BodyFormat;
import io.gmnstream.streamjobs.hooks.WebhookEndpoint;
import io.gmnstream.streamjobs.monitor.support.EmbeddedStack;
import io.gmnstream.streamjobs.monitor.support.Eventually;
import io.gmnstream.streamjobs.monitor.web.DashboardConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole monitor instances on the embedded broker: each dashboard answers for every run, whichever
 * instance holds it, and alerts reach a webhook. A broker of its own, since the live feed reads the
 * default topic names.
 */
class MonitorServiceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 4;

    private static EmbeddedStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path workDir;

    @BeforeAll
    static void startStack() {
        stack = EmbeddedStack.start();
        stack.broker().createTopics(List.of(TopicSpec.of(Topics.SCORES.name(), PARTITIONS),
                TopicSpec.of(Topics.ALERTS.name(), PARTITIONS), TopicSpec.of(Topics.DEAD_LETTERS.name(), 1)));
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    private MonitorServiceConfig config(String applicationId, String instance) {
        MonitorServiceConfig defaults = MonitorServiceConfig.defaults(stack.broker().bootstrapServers(),
                stack.registryConfig(), workDir.resolve(instance));
        return defaults.withMonitor(defaults.monitor().withApplicationId(applicationId))
                .withDashboard(DashboardConfig.defaults().withPort(0));
    }

    @Test
    void shouldAnswerForEveryRunFromEitherInstanceWhicheverHoldsIt() throws Exception {
        List<String> runs = IntStream.range(0, 8).mapToObj(i -> "shared-run-" + i).toList();
        try (MonitorService first = MonitorService.start(config("gmn-monitor-two", "first"));
             MonitorService second = MonitorService.start(config("gmn-monitor-two", "second"))) {
            List<GmnScore.Builder> scores = new ArrayList<>();
            for (String run : runs) {
                scores.add(of(run, 1, 0.5));
                scores.add(of(run, 2, 0.6));
            }
            publish(scores);

            for (MonitorService instance : List.of(first, second)) {
                Eventually.await("every run listed by " + instance.dashboardUrl(), TIMEOUT,
                        () -> runIds(instance).containsAll(runs));
            }
            Set<HostInfo> owners = new HashSet<>();
            for (String run : runs) {
                owners.add(first.monitor().ownerOf(run).map(KeyQueryMetadata::activeHost).orElseThrow());
                for (MonitorService instance : List.of(first, second)) {
                    JsonNode history = getJson(instance, "/api/runs/" + run);
                    assertThat(history.at("/summary/runId").asText()).isEqualTo(run);
                    assertThat(history.at("/summary/latestStep").asLong()).isEqualTo(2);
                    assertThat(history.get("points")).hasSize(2);
                }
            }
            // Both instances hold runs, so each dashboard answered some of them by asking the other.
            assertThat(owners).hasSize(2);
            JsonNode listed = getJson(first, "/api/runs");
            assertThat(runIds(first)).as("no run listed twice").hasSize(listed.size());
        }
    }

    @Test
    void shouldDeliverAnAlertForNonFiniteWeightsToTheWebhook() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        try {
            MonitorServiceConfig base = config("gmn-monitor-hooks", "hooks");
            WebhookEndpoint endpoint = WebhookEndpoint.of("on-call",
                    URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook"), BodyFormat.JSON);
            MonitorServiceConfig withHooks = base.withHooks(AlertHooksConfig.defaults(stack.broker().bootstrapServers(),
                    stack.registryConfig(), List.of(endpoint)));
            try (MonitorService service = MonitorService.start(withHooks)) {
                assertThat(service.hooks()).isPresent();
                publish(List.of(of("exploding", 1, 0.4).setWeightSummary(weights(0, 0, 3.0, Map.of())),
                        of("exploding", 2, 0.35).setWeightSummary(weights(12, 0, Double.NaN, Map.of()))));

                Eventually.await("the alert at the webhook", TIMEOUT, () -> !bodies.isEmpty());
                JsonNode alert = JSON.readTree(bodies.get(0));
                assertThat(alert.get("runId").asText()).isEqualTo("exploding");
                assertThat(alert.get("rule").asText()).isEqualTo("non_finite_weights");
                assertThat(alert.get("severity").asText()).isEqualTo("CRITICAL");
                assertThat(alert.get("status").asText()).isEqualTo("FIRING");
                Eventually.await("the alert in the dashboard's list", TIMEOUT,
                        () -> getJson(service, "/api/alerts").size() == 1);
                JsonNode listed = getJson(service, "/api/alerts").get(0);
                assertThat(listed.get("alertId").asText()).isEqualTo(alert.get("alertId").asText());
                assertThat(bodies).hasSize(1);
                assertThat(service.isHealthy()).isTrue();
            }
        } finally {
            webhook.stop(0);
        }
    }

    private Set<String> runIds(MonitorService instance) {
        Set<String> ids = new HashSet<>();
        getJson(instance, "/api/runs").forEach(run -> ids.add(run.get("runId").asText()));
        return ids;
    }

    private JsonNode getJson(MonitorService instance, String path) {
        URI uri = URI.create(instance.dashboardUrl()).resolve(path);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void publish(List<GmnScore.Builder> scores) throws Exception {
        try (KafkaProducer<String, GmnScore> producer = new KafkaProducer<>(stack.broker().producerConfig(),
                new StringSerializer(), new AvroSerializer<>(stack.client(), true))) {
            for (GmnScore.Builder score : scores) {
                GmnScore built = score.build();
                producer.send(new ProducerRecord<>(Topics.SCORES.name(), built.getRunId(), built))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }
}
