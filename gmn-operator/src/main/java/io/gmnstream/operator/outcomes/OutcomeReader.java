package io.gmnstream.operator.outcomes;

import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.ParamGraph;
import io.gmnstream.schemas.avro.RunOutcome;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import io.gmnstream.schemas.serde.AvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads gmn.graphs and gmn.run-outcomes from the beginning up to their end offsets at the start of
 * the read (read_committed, no consumer group: partitions are assigned, nothing is committed, so
 * every round sees the whole history) and hands the records to an {@link OutcomeJoiner}.
 *
 * <p>Only graphs the joiner wants are unpacked; the rest are dropped after decoding, so memory holds
 * about one graph per run. Undecodable records fail the read: training on a partial, silently
 * filtered history would be worse than no round.
 */
public final class OutcomeReader {
    /** A topic the reader needs does not exist on the cluster. */
    public static final class MissingTopicException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingTopicException(String topic, String bootstrap) {
            super("topic " + topic + " does not exist on " + bootstrap);
        }
    }

    /**
     * @param bootstrapServers Kafka bootstrap servers
     * @param extraProperties  further consumer properties (security), may be empty
     * @param pollTimeout      one poll's wait
     * @param metadataTimeout finding the topics: an unreachable broker fails after this
     * @param readTimeout      the whole read's limit: a stuck read fails instead of hanging a schedule
     */
    public record Config(String bootstrapServers, Map<String, String> extraProperties, Duration pollTimeout,
                         Duration metadataTimeout, Duration readTimeout) {
        public Config {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            if (bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("bootstrap servers must not be blank");
            }
            extraProperties = Map.copyOf(extraProperties);
            if (pollTimeout.isNegative() || pollTimeout.isZero() || metadataTimeout.isNegative() || metadataTimeout.isZero()
                    || readTimeout.compareTo(pollTimeout) < 0) {
                throw new IllegalArgumentException("pollTimeout > 0, metadataTimeout > 0 and readTimeout >= pollTimeout required");
            }
        }

        /** Further consumer properties, e.g. the services' SASL or TLS settings. */
        public Config withExtraProperties(Map<String, String> properties) {
            return new Config(bootstrapServers, properties, pollTimeout, metadataTimeout, readTimeout);
        }

        public static Config defaults(String bootstrapServers) {
            return new Config(bootstrapServers, Map.of(), Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(10));
        }
    }

    /** What a read saw. */
    public record ReadStats(long graphRecords, long outcomeRecords, long graphsKept) {
    }

    private final Config config;
    private final SchemaRegistryClient registry;

    /** @param registry owned by the caller */
    public OutcomeReader(Config config, SchemaRegistryClient registry) {
        this.config = Objects.requireNonNull(config, "config");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public ReadStats readInto(OutcomeJoiner joiner) {
        String graphs = Topics.GRAPHS.name();
        String outcomes = Topics.RUN_OUTCOMES.name();
        AvroDeserializer<ParamGraph> graphReader = new AvroDeserializer<>(ParamGraph.class, registry);
        AvroDeserializer<RunOutcome> outcomeReader = new AvroDeserializer<>(RunOutcome.class, registry);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> partitions = new ArrayList<>();
            partitions.addAll(partitions(consumer, graphs));
            partitions.addAll(partitions(consumer, outcomes));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            long graphRecords = 0;
            long outcomeRecords = 0;
            long kept = 0;
            long deadline = System.nanoTime() + config.readTimeout().toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + graphs + " and " + outcomes + " took longer than "
                            + config.readTimeout() + "; positions " + positions(consumer, end) + ", ends " + end);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(config.pollTimeout())) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= end.getOrDefault(tp, Long.MAX_VALUE) || r.value() == null) {
                        continue; // written after the read began, or a tombstone
                    }
                    if (r.topic().equals(graphs)) {
                        graphRecords++;
                        ParamGraph record = graphReader.deserialize(r.topic(), r.value());
                        if (joiner.wants(record.getRunId(), record.getStep())) {
                            joiner.offerGraph(GraphObservation.of(record));
                            kept++;
                        }
                    } else {
                        outcomeRecords++;
                        joiner.offerOutcome(RunOutcomeLabel.of(outcomeReader.deserialize(r.topic(), r.value())));
                    }
                }
            }
            return new ReadStats(graphRecords, outcomeRecords, kept);
        }
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            // position() skips past transaction markers, so a committed end offset is reached exactly.
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static Map<TopicPartition, Long> positions(KafkaConsumer<byte[], byte[]> consumer,
                                                      Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> out = new HashMap<>();
        end.keySet().forEach(tp -> out.put(tp, consumer.position(tp)));
        return out;
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.listTopics(config.metadataTimeout()).get(topic);
        if (infos == null || infos.isEmpty()) {
            throw new MissingTopicException(topic, config.bootstrapServers());
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> p = new HashMap<>(config.extraProperties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // Graph records reach 96 MiB: let one fetch carry one.
        p.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 100 * 1024 * 1024);
        p.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 100 * 1024 * 1024);
        p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 16);
        return p;
    }
}
