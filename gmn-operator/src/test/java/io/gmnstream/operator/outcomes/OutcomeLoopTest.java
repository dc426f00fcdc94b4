package io.gmnstream.operator.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.embedded.kafka.EmbeddedKafkaBroker;
import io.gmnstream.embedded.kafka.KafkaBrokerConfig;
import io.gmnstream.embedded.kafka.TopicSpec;
import io.gmnstream.embedded.registry.EmbeddedSchemaRegistry;
import io.gmnstream.embedded.registry.SchemaRegistryConfig;
import io.gmnstream.operator.dataset.LabelledCheckpoint;
import io.gmnstream.operator.dataset.ZooCheckpoints;
import io.gmnstream.operator.djl.TestEngine;
import io.gmnstream.operator.gmn.GmnConfig;
import io.gmnstream.operator.gmn.GmnModel;
import io.gmnstream.operator.learn.GmnFitter;
import io.gmnstream.operator.score.ModelVersion;
import io.gmnstream.operator.zoo.ZooConfig;
import io.gmnstream.operator.zoo.ZooGenerator;
import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.RunOutcome;
import io.gmnstream.schemas.avro.RunStatus;
import io.gmnstream.schemas.graph.ParamGraphRecords;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import io.gmnstream.schemas.serde.AvroSerializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole outcome loop on real (tiny) digits runs: graphs and outcomes go through an embedded
 * broker and registry, one round replaces a deliberately weak (untrained) current model with a
 * measurably better one, and a second round without new outcomes publishes nothing.
 */
class OutcomeLoopTest {
    /**
     * Fixed training settings, gap weight included: with six held-out runs the scenario (a weak model
     * replaced by a clearly better one) is only as stable as the training that makes the candidate.
     */
    private static final GmnFitter.Settings ROUND_SETTINGS = GmnFitter.Settings.defaults().withEpochs(40).withBatchSize(8)
            .withLearningRate(3e-3f).withGapWeight(1f);

    static final int RUNS = 36;
    static final GmnConfig GMN = GmnConfig.builder().hidden(16).layers(2).headHidden(32).build();

    @TempDir static Path temp;
    static EmbeddedKafkaBroker broker;
    static EmbeddedSchemaRegistry registry;
    static SchemaRegistryClient registryClient;

    @BeforeAll
    static void startStack() {
        TestEngine.start();
        broker = EmbeddedKafkaBroker.start(KafkaBrokerConfig.defaults());
        broker.createTopics(List.of(TopicSpec.of(Topics.GRAPHS.name(), 2), TopicSpec.of(Topics.RUN_OUTCOMES.name(), 1)));
        registry = EmbeddedSchemaRegistry.start(SchemaRegistryConfig.defaults(broker.bootstrapServers()));
        registryClient = SchemaRegistryClient.connect(RegistryClientConfig.of(registry.url()));
    }

    @AfterAll
    static void stopStack() {
        if (registryClient != null) {
            registryClient.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldReplaceAWeakModelWithABetterOneAndPublishNothingWithoutNewOutcomes() throws Exception {
        Path zoo = temp.resolve("zoo");
        ZooConfig zooConfig = ZooConfig.digits(RUNS, 2027L, zoo).withCheckpointEpochs(List.of(1, 2))
                .withMaxBatchesPerEpoch(3);
        assertThat(new ZooGenerator(TestEngine.start(), zooConfig).withoutProgressBar().generate().failedRunIds()).isEmpty();
        List<LabelledCheckpoint> checkpoints = ZooCheckpoints.load(zoo, GraphLimits.defaults());
        publish(checkpoints);

        Path modelDir = temp.resolve("model");
        try (GmnModel weak = GmnModel.create(GMN, 11)) {
            weak.save(modelDir, Map.of("note", "untrained: the weak current model"));
        }
        String weakVersion = version(modelDir);
        OutcomeTrainer trainer = new OutcomeTrainer(new OutcomeTrainer.Config(GMN,
                ROUND_SETTINGS,
                new HeldOutRuns(0.3, 7), 10, PublishRule.defaults(), OutcomeTrainer.Start.SCRATCH));

        OutcomeJoiner.Result joined = read();
        assertThat(joined.examples()).hasSize(RUNS);
        OutcomeTrainer.Round first = trainer.round(joined.examples(), OutcomeTrainer.BaseExamples.none(), modelDir);

        System.out.print("round 1: " + first.summary());
        assertThat(first.status()).as(first.summary()).isEqualTo(OutcomeTrainer.Status.PUBLISHED);
        assertThat(first.heldOutRuns()).isGreaterThanOrEqualTo(5);
        assertThat(first.candidate().mae()).as(first.summary()).isLessThan(first.current().mae() - 0.02);
        assertThat(version(modelDir)).isNotEqualTo(weakVersion);
        try (GmnModel published = GmnModel.load(modelDir)) {
            assertThat(published.metadata()).containsEntry(OutcomeTrainer.EXAMPLES, Integer.toString(RUNS))
                    .containsKeys("outcomes.heldOut.candidate.mae", "outcomes.heldOut.previous.mae", OutcomeTrainer.FINGERPRINT);
            // Re-evaluated from disk, the published model keeps the figures it was published with.
            HeldOutRuns heldOut = new HeldOutRuns(0.3, 7);
            double mae = GmnFitter.evaluate(published, heldOut.split(joined.examples()).get(1), "again", 8).accuracy().mae();
            assertThat(mae).isCloseTo(first.candidate().mae(), org.assertj.core.api.Assertions.within(1e-4));
        }

        String publishedVersion = version(modelDir);
        OutcomeTrainer.Round second = new OutcomeTrainer(new OutcomeTrainer.Config(GMN,
                ROUND_SETTINGS,
                new HeldOutRuns(0.3, 7), 10, PublishRule.defaults(), OutcomeTrainer.Start.SCRATCH))
                .round(read().examples(), OutcomeTrainer.BaseExamples.none(), modelDir);
        assertThat(second.status()).as(second.summary()).isEqualTo(OutcomeTrainer.Status.SKIPPED);
        assertThat(second.reason()).contains("no new outcomes");
        assertThat(version(modelDir)).isEqualTo(publishedVersion);
    }

    private static OutcomeJoiner.Result read() {
        OutcomeJoiner joiner = new OutcomeJoiner(1000);
        OutcomeReader.ReadStats stats = new OutcomeReader(OutcomeReader.Config.defaults(broker.bootstrapServers()),
                registryClient).readInto(joiner);
        assertThat(stats.outcomeRecords()).isEqualTo(RUNS);
        return joiner.result();
    }

    private static String version(Path modelDir) throws Exception {
        return ModelVersion.of(modelDir, Map.of());
    }

    /** Every checkpoint's graph to gmn.graphs, then each run's outcome (its last checkpoint's accuracies). */
    private static void publish(List<LabelledCheckpoint> checkpoints) throws Exception {
        Map<String, Object> props = broker.producerConfig();
        props.put("key.serializer", ByteArraySerializer.class);
        props.put("value.serializer", ByteArraySerializer.class);
        props.put("acks", "all");
        Map<String, LabelledCheckpoint> last = new LinkedHashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props);
             AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>(registryClient, true)) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            Instant now = Instant.now();
            for (LabelledCheckpoint c : checkpoints) {
                io.gmnstream.schemas.avro.ParamGraph record = ParamGraphRecords.toRecord(c.graph()).setRunId(c.runId())
                        .setStep(c.step()).setTask("digits").setBuilderVersion("test").setCheckpointCreatedAtMillis(now)
                        .setBuiltAtMillis(now).setBuildMillis(1.0)
                        .setMetrics(Map.of("test_accuracy", c.testAccuracy(), "train_accuracy", c.trainAccuracy()))
                        .build();
                sent.add(producer.send(new ProducerRecord<>(Topics.GRAPHS.name(), key(c.runId()),
                        serializer.serialize(Topics.GRAPHS.name(), record))));
                last.merge(c.runId(), c, (a, b) -> b.step() > a.step() ? b : a);
            }
            for (LabelledCheckpoint c : last.values()) {
                RunOutcome outcome = RunOutcome.newBuilder().setRunId(c.runId()).setTask("digits")
                        .setStatus(RunStatus.COMPLETED).setFinalTestAccuracy(c.testAccuracy())
                        .setFinalTrainAccuracy(c.trainAccuracy()).setFinalStep(c.step()).setReportedAtMillis(now).build();
                sent.add(producer.send(new ProducerRecord<>(Topics.RUN_OUTCOMES.name(), key(c.runId()),
                        serializer.serialize(Topics.RUN_OUTCOMES.name(), outcome))));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    private static byte[] key(String runId) {
        return runId.getBytes(StandardCharsets.UTF_8);
    }
}
