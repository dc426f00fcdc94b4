package io.gmnstream.embedded.kafka;

import io.gmnstream.embedded.ConfigException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A topic to create on the embedded broker (replication factor 1).
 *
 * @param name            a legal Kafka topic name
 * @param partitions      at least 1
 * @param compacted       cleanup.policy=compact instead of delete
 * @param maxMessageBytes topic-level max.message.bytes; empty: the broker's limit
 * @param retentionMs     retention.ms; -1 keeps records forever; empty: the broker default (7 days)
 * @param extraConfigs    any other topic configs, applied last
 */
public record TopicSpec(
        String name,
        int partitions,
        boolean compacted,
        OptionalInt maxMessageBytes,
        OptionalLong retentionMs,
        Map<String, String> extraConfigs) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        try {
            Topic.validate(name);
        } catch (InvalidTopicException e) {
            throw new ConfigException("name", name,
                    "must be a legal Kafka topic name (1-249 chars of [a-zA-Z0-9._-], not '.' or '..'): "
                            + e.getMessage());
        }
        ConfigException.requireInRange("partitions", partitions, 1, 10_000, " (topic " + name + ")");
        Objects.requireNonNull(maxMessageBytes, "maxMessageBytes");
        maxMessageBytes.ifPresent(bytes -> ConfigException.requireInRange(
                "maxMessageBytes", bytes, 1, Integer.MAX_VALUE, " (topic " + name + ")"));
        Objects.requireNonNull(retentionMs, "retentionMs");
        if (retentionMs.isPresent() && retentionMs.getAsLong() != -1 && retentionMs.getAsLong() <= 0) {
            throw new ConfigException("retentionMs", retentionMs.getAsLong(),
                    "must be positive, or -1 for infinite retention (topic " + name + ")");
        }
        extraConfigs = Map.copyOf(Objects.requireNonNull(extraConfigs, "extraConfigs"));
    }

    /** A delete-policy topic with broker defaults for everything else. */
    public static TopicSpec of(String name, int partitions) {
        return new TopicSpec(name, partitions, false, OptionalInt.empty(), OptionalLong.empty(), Map.of());
    }

    public TopicSpec asCompacted() {
        return new TopicSpec(name, partitions, true, maxMessageBytes, retentionMs, extraConfigs);
    }

    public TopicSpec withMaxMessageBytes(int bytes) {
        return new TopicSpec(name, partitions, compacted, OptionalInt.of(bytes), retentionMs, extraConfigs);
    }

    public TopicSpec withRetention(Duration retention) {
        return new TopicSpec(name, partitions, compacted, maxMessageBytes, OptionalLong.of(retention.toMillis()),
                extraConfigs);
    }

    public TopicSpec withInfiniteRetention() {
        return new TopicSpec(name, partitions, compacted, maxMessageBytes, OptionalLong.of(-1), extraConfigs);
    }

    public TopicSpec withConfig(String key, String value) {
        Map<String, String> configs = new HashMap<>(extraConfigs);
        configs.put(key, value);
        return new TopicSpec(name, partitions, compacted, maxMessageBytes, retentionMs, configs);
    }

    /** The topic-level configs this spec sets (only what differs from broker defaults). */
    public Map<String, String> topicConfigs() {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG,
                compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
        maxMessageBytes.ifPresent(bytes -> configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(bytes)));
        retentionMs.ifPresent(ms -> configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(ms)));
        configs.putAll(extraConfigs);
        return Map.copyOf(configs);
    }
}
