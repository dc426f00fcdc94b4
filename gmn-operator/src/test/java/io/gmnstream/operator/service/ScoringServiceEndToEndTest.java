package io.gmnstream.operator.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.DeadLetter;
import io.gmnstream.schemas.avro.DeadLetterReason;
import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.wire.WireFormat;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The service against a real broker and registry with the shipped model: good graphs interleaved with
 * every kind of bad record. Downstream (read_committed) sees exactly one score per good graph, in step
 * order per run, and one dead letter per bad record with its original bytes.
 */
@Timeout(120)
class ScoringServiceEndToEndTest {
    private static final List<String> RUNS = List.of("run-a", "run-b", "run-c");
    private static final int STEPS = 6;
    /** Graphs above this are refused: the 64-128-10 MLP (9,610 edges) is, the 64-16-10 MLPs (1,210) are not. */
    private static final long MAX_GRAPH_EDGES = 5_000;

    @RegisterExtension
    static final KafkaStack stack = new KafkaStack();

    @Test
    void shouldScoreEveryGoodGraphOnceInStepOrderAndDeadLetterEveryBadRecord() throws Exception {
        Map<DeadLetterReason, byte[]> bad = badRecords();
        int good = 0;
        for (int step = 1; step <= STEPS; step++) {
            for (String run : RUNS) {
                stack.publishGraph(TestGraphs.record(run, step * 100L));
                good++;
            }
            if (step == 2) {
                bad.forEach((reason, value) -> stack.publish("bad-" + reason, value));
            }
        }
        stack.publishGraph(TestGraphs.record("run-diverged", 1, withNonFiniteWeights(TestGraphs.mlp(5, 64, 16, 10))));
        good++;

        ScoringServiceConfig config = stack.serviceConfig(KafkaStack.SHIPPED_MODEL).withMaxGraphEdges(MAX_GRAPH_EDGES);
        try (ScoringService service = ScoringService.start(config);
             KafkaStack.Reader scoreReader = stack.reader(Topics.SCORES.name());
             KafkaStack.Reader deadLetterReader = stack.reader(Topics.DEAD_LETTERS.name())) {
            scoreReader.awaitAtLeast(good, Duration.ofSeconds(60));
            List<ConsumerRecord<byte[], byte[]>> scoreRecords = scoreReader.readFor(Duration.ofMillis(500));
            List<ConsumerRecord<byte[], byte[]>> letterRecords = deadLetterReader.awaitAtLeast(bad.size(), Duration.ofSeconds(30));

            List<GmnScore> scores = stack.scores(scoreRecords);
            assertThat(scores).hasSize(good);
            assertExactlyOncePerStepInStepOrder(scoreRecords, scores);
            String version = service.stats().modelVersion();
            assertThat(version).startsWith("digits-gmn@");
            assertThat(scores).allSatisfy(score -> {
                assertThat(score.getModelId()).isEqualTo("digits-gmn");
                assertThat(score.getModelVersion()).isEqualTo(version);
                assertThat(score.getDevice()).isEqualTo(service.device());
                assertThat(score.getBatchSize()).isBetween(1, 8);
                assertThat(score.getPredictedTestAccuracy()).isBetween(0.0, 1.0);
                assertThat(score.getScoringMillis()).isPositive();
                assertThat(score.getScoredAtMillis()).isAfterOrEqualTo(score.getCheckpointCreatedAtMillis());
                assertThat(score.getFlags()).isEqualTo(score.getRunId().equals("run-diverged")
                        ? List.of("non_finite_weights") : List.of());
            });

            List<DeadLetter> letters = stack.deadLetters(deadLetterReader.readFor(Duration.ofMillis(300)));
            assertThat(letters).hasSize(bad.size());
            Map<DeadLetterReason, DeadLetter> byReason = new EnumMap<>(DeadLetterReason.class);
            letters.forEach(letter -> byReason.put(letter.getReason(), letter));
            assertThat(byReason).containsOnlyKeys(bad.keySet());
            byReason.forEach((reason, letter) -> {
                assertThat(bytes(letter.getValue())).as("original value of %s", reason).isEqualTo(bad.get(reason));
                assertThat(new String(bytes(letter.getKey()), StandardCharsets.UTF_8)).isEqualTo("bad-" + reason);
                assertThat(letter.getSourceTopic()).isEqualTo(Topics.GRAPHS.name());
                assertThat(letter.getComponent()).isEqualTo("gmn-operator");
                assertThat(letter.getDetail()).isNotBlank();
            });
            assertThat(byReason.get(DeadLetterReason.TOO_LARGE).getDetail()).contains("9610 edges");

            int expectedGood = good;
            Await.until("the service's counts", Duration.ofSeconds(10),
                    () -> service.stats().graphsScored() == expectedGood, () -> service.stats().toString());
            ServiceStats stats = service.stats();
            assertThat(stats.deadLettered()).isEqualTo(bad.size());
            assertThat(stats.transactionsCommitted()).isPositive();
            assertThat(stats.batches()).isGreaterThanOrEqualTo((good + 7) / 8);
            assertThat(stats.device()).isEqualTo(service.device());
            assertHttpEndpoints(service, good, version);
        }
    }

    private static void assertExactlyOncePerStepInStepOrder(List<ConsumerRecord<byte[], byte[]>> records,
                                                            List<GmnScore> scores) {
        Set<String> seen = new HashSet<>();
        Map<String, List<Long>> stepsByRun = new LinkedHashMap<>();
        Map<String, Integer> partitionByRun = new LinkedHashMap<>();
        for (int i = 0; i < scores.size(); i++) {
            GmnScore score = scores.get(i);
            assertThat(seen.add(score.getRunId() + "/" + score.getStep())).as("duplicate %s", score).isTrue();
            assertThat(new String(records.get(i).key(), StandardCharsets.UTF_8)).isEqualTo(score.getRunId());
            // The reader returns each partition in offset order; a run lives on one partition.
            assertThat(partitionByRun.putIfAbsent(score.getRunId(), records.get(i).partition()))
                    .isIn(null, records.get(i).partition());
            stepsByRun.computeIfAbsent(score.getRunId(), r -> new ArrayList<>()).add(score.getStep());
        }
        for (String run : RUNS) {
            assertThat(stepsByRun.get(run)).as("steps of %s", run).containsExactly(100L, 200L, 300L, 400L, 500L, 600L);
        }
    }

    private static void assertHttpEndpoints(ScoringService service, int good, String version)
            throws IOException, InterruptedException {
        int port = service.httpPort().orElseThrow();
        HttpResponse<String> health = get(port, "/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\",\"device\":\"" + service.device()
                + "\",\"modelVersion\":\"" + version + "\"}");

        HttpResponse<String> metrics = get(port, "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        Map<String, String> samples = metrics.body().lines().filter(l -> !l.startsWith("#"))
                .collect(Collectors.toMap(l -> l.substring(0, l.lastIndexOf(' ')), l -> l.substring(l.lastIndexOf(' ') + 1),
                        (a, b) -> b));
        assertThat(samples).containsEntry("gmn_operator_scores_total", good + ".0");
        for (DeadLetterReason reason : List.of(DeadLetterReason.CORRUPT_RECORD, DeadLetterReason.BAD_MAGIC_BYTE,
                DeadLetterReason.UNKNOWN_SCHEMA_ID, DeadLetterReason.SHAPE_MISMATCH, DeadLetterReason.TOO_LARGE)) {
            assertThat(samples).containsEntry("gmn_operator_dead_letters_total{reason=\"" + reason + "\"}", "1.0");
        }
        assertThat(samples).containsEntry("gmn_operator_consumer_lag", "0.0");
        assertThat(samples).containsKeys(
                "gmn_operator_publish_to_score_latency_seconds{quantile=\"0.5\"}",
                "gmn_operator_publish_to_score_latency_seconds{quantile=\"0.9\"}",
                "gmn_operator_publish_to_score_latency_seconds{quantile=\"0.99\"}",
                "gmn_operator_batch_scoring_seconds_count",
                "gmn_operator_batch_size_graphs_count",
                "gmn_operator_transactions_total{outcome=\"committed\"}",
                "gmn_operator_model_reloads_total{outcome=\"loaded\"}",
                "gmn_operator_device{device=\"" + service.device() + "\"}",
                "gmn_operator_model{model_id=\"digits-gmn\",model_version=\"" + version + "\"}");
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One record of each kind the operator refuses, by the reason it must give. */
    private static Map<DeadLetterReason, byte[]> badRecords() {
        Map<DeadLetterReason, byte[]> bad = new EnumMap<>(DeadLetterReason.class);
        byte[] good = stack.encode(TestGraphs.record("bad", 1));

        byte[] corrupt = good.clone();
        for (int i = WireFormat.HEADER_SIZE; i < Math.min(corrupt.length, WireFormat.HEADER_SIZE + 16); i++) {
            corrupt[i] = (byte) 0xFF;
        }
        bad.put(DeadLetterReason.CORRUPT_RECORD, corrupt);

        byte[] unknownId = good.clone();
        ByteBuffer.wrap(unknownId).putInt(1, 987_654);
        bad.put(DeadLetterReason.UNKNOWN_SCHEMA_ID, unknownId);

        byte[] badMagic = good.clone();
        badMagic[0] = 0x42;
        bad.put(DeadLetterReason.BAD_MAGIC_BYTE, badMagic);

        bad.put(DeadLetterReason.SHAPE_MISMATCH, stack.encode(TestGraphs.withTruncatedEdgeValues(TestGraphs.record("bad", 2))));
        bad.put(DeadLetterReason.TOO_LARGE, stack.encode(TestGraphs.record("bad", 3, TestGraphs.mlp(3, 64, 128, 10))));
        return bad;
    }

    private static ParamGraph withNonFiniteWeights(ParamGraph g) {
        float[] values = g.edgeValue().clone();
        values[0] = Float.NaN;
        values[7] = Float.POSITIVE_INFINITY;
        return new ParamGraph(g.nodeType(), g.nodeLayer(), g.nodePosition(), g.edgeSource(), g.edgeTarget(), values,
                g.edgeLayer(), g.edgeType(), g.edgePosition(), g.numParameters(), g.numResidualEdges(), g.layers());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
