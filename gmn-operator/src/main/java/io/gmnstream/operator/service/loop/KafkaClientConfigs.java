package io.gmnstream.operator.service.loop;

import io.gmnstream.operator.service.ScoringServiceConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka client settings of the scoring loop. Layered: the service's defaults, then the user's
 * {@link ScoringServiceConfig#kafkaProperties()} (security and tuning), then what exactly-once needs,
 * which nothing overrides. Records travel as bytes: the loop decodes and encodes them itself so that a
 * bad record becomes a dead letter and a registry outage a retry, rather than a client exception.
 */
public final class KafkaClientConfigs {
    /** Kafka's default max.request.size, used when the user sets none. */
    static final int DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

    private KafkaClientConfigs() {
    }

    public static Map<String, Object> consumer(ScoringServiceConfig config) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, config.transactionalId() + "-consumer");
        // A new group scores the graphs already on the topic (the graph builder may have started first).
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Records wait decoded in memory for their batch: poll about one batch at a time.
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.batch().maxGraphs());
        props.putAll(config.kafkaProperties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        // Static membership: a restarted instance takes its partitions back at once, instead of
        // waiting for the group to time out the crashed member it replaces.
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.transactionalId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    public static Map<String, Object> producer(ScoringServiceConfig config) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, config.transactionalId() + "-producer");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.putAll(config.kafkaProperties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }

    /** The largest record the producer sends: dead letters that would not fit drop their original value. */
    public static int maxRequestBytes(ScoringServiceConfig config) {
        String configured = config.kafkaProperties().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        if (configured == null) {
            return DEFAULT_MAX_REQUEST_BYTES;
        }
        try {
            return Integer.parseInt(configured.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("kafkaProperties " + ProducerConfig.MAX_REQUEST_SIZE_CONFIG
                    + " must be a number of bytes, got '" + configured + "'", e);
        }
    }
}
