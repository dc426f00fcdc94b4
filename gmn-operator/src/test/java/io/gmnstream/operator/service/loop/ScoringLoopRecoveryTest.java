package io.gmnstream.operator.service.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.operator.score.BatchBounds;
import io.gmnstream.operator.score.Scorer;
import io.gmnstream.operator.service.KafkaStack;
import io.gmnstream.operator.service.ScoringServiceConfig;
import io.gmnstream.operator.service.TestGraphs;
import io.gmnstream.operator.service.intake.BatchAccumulator;
import io.gmnstream.operator.service.intake.GraphDecoder;
import io.gmnstream.operator.service.metrics.ServiceMetrics;
import io.gmnstream.operator.service.scoring.ModelHandoff;
import io.gmnstream.operator.service.scoring.ResilientScorer;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.ParamGraph;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import io.gmnstream.schemas.serde.AvroDeserializer;
import io.gmnstream.schemas.serde.AvroSerializer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The loop against a real broker with a producer whose first commits fail (after its records were
 * sent): the transactions abort, the consumer rewinds, the batches are scored again, and downstream
 * sees every score exactly once.
 */
@Timeout(120)
class ScoringLoopRecoveryTest {
    @RegisterExtension
    static final KafkaStack stack = new KafkaStack();

    @Test
    void shouldAbortRewindAndRetryWhenACommitFails() throws Exception {
        for (int step = 1; step <= 6; step++) {
            stack.publishGraph(TestGraphs.record("retry-run", step));
        }
        ScoringServiceConfig config = stack.serviceConfig(KafkaStack.SHIPPED_MODEL).withBatch(new BatchBounds(2, 1L << 17));
        AtomicInteger failuresLeft = new AtomicInteger(2);
        LoopStatus status;
        ServiceMetrics metrics;
        try (SchemaRegistryClient registry = SchemaRegistryClient.connect(config.registry())) {
            Scorer scorer = Scorer.load(config.modelDir(), config.batch());
            metrics = new ServiceMetrics("cpu", config.modelId(), scorer.modelVersion());
            status = new LoopStatus(scorer.modelVersion());
            ScoringLoop loop = new ScoringLoop(
                    new ScoringLoop.Clients(new KafkaConsumer<>(KafkaClientConfigs.consumer(config)),
                            () -> failingCommits(new KafkaProducer<>(KafkaClientConfigs.producer(config)), failuresLeft),
                            Topics.GRAPHS.name(), config.transactionalId()),
                    new ScoringLoop.Stages(
                            new GraphDecoder(new AvroDeserializer<>(ParamGraph.class, registry), config.maxGraphEdges()),
                            new BatchAccumulator(config.batch(), config.maxBatchWait()), new ResilientScorer(metrics),
                            new OutputRecords(new AvroSerializer<SpecificRecord>(registry, true), Topics.SCORES.name(),
                                    Topics.DEAD_LETTERS.name(), config.modelId(), "cpu", 1 << 20)),
                    new ScoringLoop.Model(config.modelId(), scorer, new ModelHandoff()), metrics, status,
                    Clock.systemUTC());
            Thread thread = new Thread(loop, "scoring-loop-under-test");
            thread.start();
            try (KafkaStack.Reader reader = stack.reader(Topics.SCORES.name())) {
                reader.awaitScores("retry-run", 6, Duration.ofSeconds(60));
                List<GmnScore> scores = reader.scoresAfter("retry-run", Duration.ofMillis(500));

                assertThat(scores).extracting(GmnScore::getStep).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
            } finally {
                loop.requestStop();
                thread.join(30_000);
            }
        }
        assertThat(failuresLeft.get()).isZero();
        assertThat(status.lastError()).hasValueSatisfying(error -> assertThat(error).contains("injected commit failure"));
        assertThat(status.running()).isFalse();
        assertThat(metrics.graphsScored()).isEqualTo(6);
        assertThat(metrics.scrape()).contains("gmn_operator_transactions_total{outcome=\"aborted\"} 2.0");
        metrics.close();
    }

    /** A producer whose first {@code failures} commits throw instead of committing; all else is real. */
    @SuppressWarnings("unchecked")
    private static Producer<byte[], byte[]> failingCommits(Producer<byte[], byte[]> real, AtomicInteger failures) {
        return (Producer<byte[], byte[]>) Proxy.newProxyInstance(Producer.class.getClassLoader(),
                new Class<?>[] {Producer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("commitTransaction") && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new KafkaException("injected commit failure");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
