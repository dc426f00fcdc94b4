package io.gmnstream.embedded.registry.internal;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The registry's state as a compacted Kafka topic, as the Confluent registry keeps it: each change is
 * written synchronously (acks=all, idempotent producer) before the HTTP reply, and a starting registry
 * replays the topic from the beginning to the end offsets it sees at startup.
 */
public final class KafkaSchemaLog implements SchemaLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaLog.class);

    private final String bootstrapServers;
    private final String topic;
    private final Duration timeout;
    private final SchemaLogCodec codec = new SchemaLogCodec();
    private final KafkaProducer<byte[], byte[]> producer;

    public KafkaSchemaLog(String bootstrapServers, String topic, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.timeout = timeout;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // Every write is waited for alone: nothing to batch, so do not linger.
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000)),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Creates the topic if it is missing (one partition keeps a total order of changes; compaction keeps
     * only the latest record per key; replication factor: the cluster default).
     */
    public void ensureTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Created the schemas topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create the schemas topic " + topic + " on "
                        + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Creating the schemas topic " + topic + " on " + bootstrapServers
                    + " timed out after " + timeout + "; is the broker up?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the schemas topic " + topic, e);
        }
    }

    /** Feeds every record in the topic, oldest first, to {@code sink}; returns the number replayed. */
    public int replay(Consumer<SchemaLogRecord> sink) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // Only committed writes: the producer is not transactional today, but a reader must not
                // resurrect an aborted change if it ever becomes so.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            List<TopicPartition> assigned = partitions.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> endOffsets = consumer.endOffsets(assigned, timeout);
            Instant deadline = Instant.now().plus(timeout);
            int count = 0;
            while (!reachedEnd(consumer, endOffsets)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Reading the schemas topic " + topic + " up to " + endOffsets
                            + " took longer than " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.value() == null) {
                        continue; // a tombstone: nothing to restore (this registry never deletes)
                    }
                    sink.accept(decode(record));
                    count++;
                }
            }
            return count;
        }
    }

    @Override
    public void append(SchemaLogRecord record) {
        try {
            producer.send(new ProducerRecord<>(topic, codec.key(record), codec.value(record)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw RegistryException.storeError("writing to " + topic + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw RegistryException.storeError("writing to " + topic + " timed out after " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.storeError("interrupted while writing to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close(timeout);
    }

    private SchemaLogRecord decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            return codec.decode(record.key(), record.value());
        } catch (IllegalStateException e) {
            throw new IllegalStateException("Unreadable record in the schemas topic at " + record.topic() + "-"
                    + record.partition() + "@" + record.offset() + ": " + e.getMessage()
                    + ". Point the registry at a topic of its own.", e);
        }
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> endOffsets) {
        return endOffsets.entrySet().stream()
                .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }
}
