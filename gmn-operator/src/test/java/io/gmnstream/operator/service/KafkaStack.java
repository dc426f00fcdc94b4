package io.gmnstream.operator.service;

import io.gmnstream.embedded.kafka.EmbeddedKafkaBroker;
import io.gmnstream.embedded.kafka.KafkaBrokerConfig;
import io.gmnstream.embedded.kafka.TopicSpec;
import io.gmnstream.embedded.registry.EmbeddedSchemaRegistry;
import io.gmnstream.embedded.registry.SchemaRegistryConfig;
import io.gmnstream.operator.djl.TestEngine;
import io.gmnstream.operator.score.BatchBounds;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.DeadLetter;
import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.ParamGraph;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import io.gmnstream.schemas.serde.AvroDeserializer;
import io.gmnstream.schemas.serde.AvroSerializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An embedded KRaft broker and schema registry with the operator's topics (gmn.graphs on two
 * partitions, gmn.run-outcomes for the outcome loop), a producer of raw and Avro records and
 * read_committed readers of the output topics.
 * A JUnit extension: register it as a static field and the stack (and DJL) run for the test class.
 *
 * <pre>{@code @RegisterExtension static final KafkaStack stack = new KafkaStack();}</pre>
 */
public final class KafkaStack implements BeforeAllCallback, AfterAllCallback {
    public static final Path SHIPPED_MODEL = Path.of("..", "models", "digits-gmn").toAbsolutePath().normalize();

    private EmbeddedKafkaBroker broker;
    private EmbeddedSchemaRegistry registry;
    private SchemaRegistryClient registryClient;
    private AvroSerializer<SpecificRecord> serializer;
    private KafkaProducer<byte[], byte[]> producer;

    @Override
    public void beforeAll(ExtensionContext context) {
        TestEngine.start();
        broker = EmbeddedKafkaBroker.start(KafkaBrokerConfig.defaults());
        broker.createTopics(List.of(TopicSpec.of(Topics.GRAPHS.name(), 2), TopicSpec.of(Topics.SCORES.name(), 2),
                TopicSpec.of(Topics.DEAD_LETTERS.name(), 1), TopicSpec.of(Topics.RUN_OUTCOMES.name(), 1)));
        registry = EmbeddedSchemaRegistry.start(SchemaRegistryConfig.defaults(broker.bootstrapServers()));
        registryClient = SchemaRegistryClient.connect(registryConfig());
        serializer = new AvroSerializer<>(registryClient, true);
        Map<String, Object> props = broker.producerConfig();
        props.put("key.serializer", ByteArraySerializer.class);
        props.put("value.serializer", ByteArraySerializer.class);
        props.put("acks", "all");
        producer = new KafkaProducer<>(props);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
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

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public RegistryClientConfig registryConfig() {
        return RegistryClientConfig.of(registry.url());
    }

    /** The stack's registry client; the stack closes it. */
    public SchemaRegistryClient registryClient() {
        return registryClient;
    }

    /** A service config for tests: this stack, a fresh identity, loopback HTTP on a free port, no hot reload. */
    public ScoringServiceConfig serviceConfig(Path modelDir) {
        String id = "test-" + UUID.randomUUID();
        return ScoringServiceConfig.defaults(bootstrapServers(), registryConfig(), modelDir)
                .withGroupId(id).withTransactionalId(id).withHttpPort(0).withHttpBindAddress("127.0.0.1")
                .withBatch(new BatchBounds(8, 1L << 17)).withModelReloadInterval(Duration.ZERO);
    }

    /** The wire-format bytes of a graph record, its schema registered as the graph builder would. */
    public byte[] encode(ParamGraph record) {
        return serializer.serialize(Topics.GRAPHS.name(), record);
    }

    public RecordMetadata publishGraph(ParamGraph record) {
        return publish(record.getRunId(), encode(record));
    }

    /** Publishes raw bytes to gmn.graphs and waits for the broker's ack. */
    public RecordMetadata publish(String key, byte[] value) {
        return publish(Topics.GRAPHS.name(), key, value);
    }

    /** Publishes an Avro record in the wire format (its schema registered) and waits for the broker's ack. */
    public RecordMetadata publish(String topic, String key, SpecificRecord record) {
        return publish(topic, key, serializer.serialize(topic, record));
    }

    private RecordMetadata publish(String topic, String key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing to " + topic + " failed", e.getCause());
        }
    }

    /** A read_committed reader of a topic from its beginning; the caller closes it. */
    public Reader reader(String topic) {
        return new Reader(topic);
    }

    public List<GmnScore> scores(List<ConsumerRecord<byte[], byte[]>> records) {
        AvroDeserializer<GmnScore> deserializer = new AvroDeserializer<>(GmnScore.class, registryClient);
        return records.stream().map(r -> deserializer.deserialize(r.topic(), r.value())).toList();
    }

    public List<DeadLetter> deadLetters(List<ConsumerRecord<byte[], byte[]>> records) {
        AvroDeserializer<DeadLetter> deserializer = new AvroDeserializer<>(DeadLetter.class, registryClient);
        return records.stream().map(r -> deserializer.deserialize(r.topic(), r.value())).toList();
    }

    /** Reads committed records only, as downstream consumers do. */
    public final class Reader implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();

        private Reader(String topic) {
            Map<String, Object> props = broker.consumerConfig("reader-" + UUID.randomUUID());
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            consumer = new KafkaConsumer<>(props);
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Everything read so far, once at least {@code count} records were read; fails after the timeout. */
        public List<ConsumerRecord<byte[], byte[]>> awaitAtLeast(int count, Duration timeout) {
            Await.until(count + " committed records", timeout, () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(read::add);
                return read.size() >= count;
            }, () -> "(read " + read.size() + ")");
            return List.copyOf(read);
        }

        /**
         * The scores of the runs whose id starts with {@code runPrefix} read so far, once there are at least
         * {@code count}: tests that share a broker keep to their own runs.
         */
        public List<GmnScore> awaitScores(String runPrefix, int count, Duration timeout) {
            Await.until(count + " committed scores of runs " + runPrefix + "*", timeout, () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(read::add);
                return scoresOf(runPrefix).size() >= count;
            }, () -> "(read " + scoresOf(runPrefix).size() + ")");
            return scoresOf(runPrefix);
        }

        /** The scores of the runs whose id starts with {@code runPrefix}, after reading for {@code quiet} more. */
        public List<GmnScore> scoresAfter(String runPrefix, Duration quiet) {
            readFor(quiet);
            return scoresOf(runPrefix);
        }

        private List<GmnScore> scoresOf(String runPrefix) {
            return scores(read).stream().filter(score -> score.getRunId().startsWith(runPrefix)).toList();
        }

        /** Everything read after also reading for {@code quiet} more: catches duplicates that come late. */
        public List<ConsumerRecord<byte[], byte[]>> readFor(Duration quiet) {
            long end = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(100)).forEach(read::add);
            }
            return List.copyOf(read);
        }

        @Override
        public void close() {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }
}
