package io.gmnstream.embedded.registry;

import io.gmnstream.embedded.ConfigException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of an {@link EmbeddedSchemaRegistry}, validated at construction.
 *
 * @param bootstrapServers     the Kafka cluster that stores the schemas
 * @param topic                the compacted topic holding every registration and config change
 * @param port                 HTTP(S) port on 127.0.0.1; 0 picks a free one
 * @param defaultCompatibility the global compatibility level until a PUT /config changes it
 * @param basicAuth            if present, every request must carry these credentials
 * @param tls                  if present, serve HTTPS instead of HTTP
 * @param kafkaTimeout         how long a write to, or the startup read of, the topic may take
 * @param httpThreads          threads serving requests
 */
public record SchemaRegistryConfig(
        String bootstrapServers,
        String topic,
        int port,
        CompatibilityLevel defaultCompatibility,
        Optional<BasicAuthCredentials> basicAuth,
        Optional<TlsConfig> tls,
        Duration kafkaTimeout,
        int httpThreads) {

    public static final String DEFAULT_TOPIC = "_schemas";

    public SchemaRegistryConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (bootstrapServers.isBlank()) {
            throw new ConfigException("bootstrapServers", "<blank>", "must be host:port[,host:port...] of the Kafka cluster");
        }
        Objects.requireNonNull(topic, "topic");
        try {
            Topic.validate(topic);
        } catch (InvalidTopicException e) {
            throw new ConfigException("topic", topic, "must be a legal Kafka topic name: " + e.getMessage());
        }
        ConfigException.requireInRange("port", port, 0, 65535, " (0 picks a free port)");
        Objects.requireNonNull(defaultCompatibility, "defaultCompatibility");
        Objects.requireNonNull(basicAuth, "basicAuth");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(kafkaTimeout, "kafkaTimeout");
        if (kafkaTimeout.isNegative() || kafkaTimeout.isZero()) {
            throw new ConfigException("kafkaTimeout", kafkaTimeout, "must be a positive duration");
        }
        ConfigException.requireInRange("httpThreads", httpThreads, 1, 64, "");
    }

    /** Plain HTTP on a free port, topic "_schemas", BACKWARD compatibility, no auth. */
    public static SchemaRegistryConfig defaults(String bootstrapServers) {
        return builder(bootstrapServers).build();
    }

    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    public SchemaRegistryConfig withPort(int newPort) {
        return new SchemaRegistryConfig(bootstrapServers, topic, newPort, defaultCompatibility, basicAuth, tls,
                kafkaTimeout, httpThreads);
    }

    /** Fluent construction; {@link #build()} validates. */
    public static final class Builder {
        private final String bootstrapServers;
        private String topic = DEFAULT_TOPIC;
        private int port;
        private CompatibilityLevel defaultCompatibility = CompatibilityLevel.BACKWARD;
        private Optional<BasicAuthCredentials> basicAuth = Optional.empty();
        private Optional<TlsConfig> tls = Optional.empty();
        private Duration kafkaTimeout = Duration.ofSeconds(30);
        private int httpThreads = 4;

        private Builder(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
        }

        public Builder topic(String name) {
            this.topic = name;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder defaultCompatibility(CompatibilityLevel level) {
            this.defaultCompatibility = level;
            return this;
        }

        public Builder basicAuth(String user, String password) {
            this.basicAuth = Optional.of(new BasicAuthCredentials(user, password));
            return this;
        }

        public Builder tls(TlsConfig config) {
            this.tls = Optional.of(config);
            return this;
        }

        public Builder kafkaTimeout(Duration timeout) {
            this.kafkaTimeout = timeout;
            return this;
        }

        public Builder httpThreads(int threads) {
            this.httpThreads = threads;
            return this;
        }

        public SchemaRegistryConfig build() {
            return new SchemaRegistryConfig(bootstrapServers, topic, port, defaultCompatibility, basicAuth, tls,
                    kafkaTimeout, httpThreads);
        }
    }
}
