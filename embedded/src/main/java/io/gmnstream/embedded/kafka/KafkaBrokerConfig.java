package io.gmnstream.embedded.kafka;

import io.gmnstream.embedded.ConfigException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of an {@link EmbeddedKafkaBroker}, validated at construction.
 *
 * @param dataDir              where the broker keeps its logs and its cluster id; empty: a temporary
 *                             directory that is deleted on close. Reusing a directory restarts the same cluster.
 * @param brokerPort           client listener port on 127.0.0.1; 0 picks a free port
 * @param controllerPort       KRaft controller listener port on 127.0.0.1; 0 picks a free port
 * @param maxMessageBytes      largest record batch the broker accepts and replicates (message.max.bytes,
 *                             replica.fetch.max.bytes); the client config helpers use it too
 * @param cleanerDedupeBufferBytes log.cleaner.dedupe.buffer.size: the 128 MiB default is heap the demo does not need
 * @param internalTopicPartitions partitions of __consumer_offsets and __transaction_state: one is plenty on a
 *                             laptop and keeps startup and the first transaction fast
 * @param autoCreateTopics     auto.create.topics.enable; off so that a misspelt topic fails instead of appearing
 * @param startupTimeout       how long {@link EmbeddedKafkaBroker#start()} waits for the broker to serve clients
 * @param brokerOverrides      extra broker properties, applied last (they win over everything above)
 */
public record KafkaBrokerConfig(
        Optional<Path> dataDir,
        int brokerPort,
        int controllerPort,
        int maxMessageBytes,
        int cleanerDedupeBufferBytes,
        int internalTopicPartitions,
        boolean autoCreateTopics,
        Duration startupTimeout,
        Map<String, String> brokerOverrides) {

    public static final int MIB = 1024 * 1024;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * MIB;
    public static final int DEFAULT_CLEANER_DEDUPE_BUFFER_BYTES = 8 * MIB;
    /** Kafka refuses a request larger than this; message.max.bytes has to stay below it. */
    static final int MAX_ALLOWED_MESSAGE_BYTES = 512 * MIB;

    public KafkaBrokerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        ConfigException.requireInRange("brokerPort", brokerPort, 0, 65535, " (0 picks a free port)");
        ConfigException.requireInRange("controllerPort", controllerPort, 0, 65535, " (0 picks a free port)");
        if (brokerPort != 0 && brokerPort == controllerPort) {
            throw new ConfigException("controllerPort", controllerPort,
                    "must differ from brokerPort (or both be 0 for free ports)");
        }
        ConfigException.requireInRange("maxMessageBytes", maxMessageBytes, 1024, MAX_ALLOWED_MESSAGE_BYTES, " bytes");
        // Kafka needs at least 1 MiB of dedupe buffer per cleaner thread (one thread here).
        ConfigException.requireInRange("cleanerDedupeBufferBytes", cleanerDedupeBufferBytes, MIB, 1024 * MIB, " bytes");
        ConfigException.requireInRange("internalTopicPartitions", internalTopicPartitions, 1, 1000, "");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        if (startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new ConfigException("startupTimeout", startupTimeout, "must be a positive duration");
        }
        brokerOverrides = Map.copyOf(Objects.requireNonNull(brokerOverrides, "brokerOverrides"));
    }

    /** Temp data dir, free ports, 16 MiB messages. */
    public static KafkaBrokerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fluent construction; {@link #build()} validates. */
    public static final class Builder {
        private Optional<Path> dataDir = Optional.empty();
        private int brokerPort;
        private int controllerPort;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private int cleanerDedupeBufferBytes = DEFAULT_CLEANER_DEDUPE_BUFFER_BYTES;
        private int internalTopicPartitions = 1;
        private boolean autoCreateTopics;
        private Duration startupTimeout = Duration.ofSeconds(60);
        private Map<String, String> brokerOverrides = Map.of();

        private Builder() {
        }

        /** A persistent directory: the cluster id and all topics survive a restart on it. */
        public Builder dataDir(Path dir) {
            this.dataDir = Optional.of(dir);
            return this;
        }

        public Builder brokerPort(int port) {
            this.brokerPort = port;
            return this;
        }

        public Builder controllerPort(int port) {
            this.controllerPort = port;
            return this;
        }

        public Builder maxMessageBytes(int bytes) {
            this.maxMessageBytes = bytes;
            return this;
        }

        public Builder cleanerDedupeBufferBytes(int bytes) {
            this.cleanerDedupeBufferBytes = bytes;
            return this;
        }

        public Builder internalTopicPartitions(int partitions) {
            this.internalTopicPartitions = partitions;
            return this;
        }

        public Builder autoCreateTopics(boolean enabled) {
            this.autoCreateTopics = enabled;
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        public Builder brokerOverrides(Map<String, String> overrides) {
            this.brokerOverrides = overrides;
            return this;
        }

        public KafkaBrokerConfig build() {
            return new KafkaBrokerConfig(dataDir, brokerPort, controllerPort, maxMessageBytes,
                    cleanerDedupeBufferBytes, internalTopicPartitions, autoCreateTopics, startupTimeout,
                    brokerOverrides);
        }
    }
}
