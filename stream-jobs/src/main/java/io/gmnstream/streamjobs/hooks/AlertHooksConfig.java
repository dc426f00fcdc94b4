package io.gmnstream.streamjobs.hooks;

import io.gmnstream.schemas.SecretRedaction;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Validated settings of {@link AlertHooks}. The constructor refuses bad values with an
 * IllegalArgumentException naming the field and saying what is allowed.
 *
 * @param bootstrapServers Kafka bootstrap servers, {@code host:port[,host:port...]}
 * @param groupId consumer group; its committed offsets say which alerts are fully handled
 * @param kafkaProperties extra properties for the consumer and the dead-letter producer, e.g.
 *     {@code security.protocol}, {@code sasl.*}, {@code ssl.*}, {@code auto.offset.reset}
 * @param registry the schema registry alerts are decoded and dead letters encoded through
 * @param endpoints where alerts go; at least one, names unique
 * @param alertsTopic topic the alerts are read from
 * @param deadLetterTopic topic of alerts that could not be decoded or delivered
 * @param maxAttempts attempts per delivery (the first included) before it is dead-lettered
 * @param initialBackoff delay before the first retry; doubles per retry, less up to 20% jitter
 * @param maxBackoff upper bound of a retry delay, and of a receiver's {@code Retry-After}
 * @param queueCapacity most deliveries per endpoint accepted but not finished; when one endpoint's
 *     queue is full the partitions feeding it pause (the only way one endpoint slows consumption)
 * @param connectTimeout TCP/TLS connect timeout of webhook requests
 * @param jitterSeed seed of the retry jitter, so tests see one schedule
 * @param clock time of dead letters
 */
public record AlertHooksConfig(
    String bootstrapServers,
    String groupId,
    Map<String, String> kafkaProperties,
    RegistryClientConfig registry,
    List<WebhookEndpoint> endpoints,
    String alertsTopic,
    String deadLetterTopic,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    int queueCapacity,
    Duration connectTimeout,
    long jitterSeed,
    Clock clock) {

  public static final String DEFAULT_GROUP_ID = "gmn-alert-hooks";
  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
  public static final int DEFAULT_QUEUE_CAPACITY = 1_000;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final int MAX_ATTEMPTS_LIMIT = 100;
  public static final int QUEUE_CAPACITY_LIMIT = 1_000_000;

  /** Client properties the service sets itself; passing them would be silently wrong. */
  static final Map<String, String> RESERVED_KAFKA_PROPERTIES = Map.of(
      "bootstrap.servers", "bootstrapServers",
      "group.id", "groupId",
      "isolation.level", "always read_committed",
      "enable.auto.commit", "offsets are committed once deliveries finish",
      "key.deserializer", "raw bytes",
      "value.deserializer", "raw bytes",
      "key.serializer", "raw bytes",
      "value.serializer", "raw bytes");

  public AlertHooksConfig {
    requireText("bootstrapServers", bootstrapServers, "host:port[,host:port...], e.g. localhost:9092");
    requireText("groupId", groupId, "a consumer group id, e.g. " + DEFAULT_GROUP_ID);
    Objects.requireNonNull(kafkaProperties, "AlertHooksConfig.kafkaProperties");
    kafkaProperties = Map.copyOf(kafkaProperties);
    for (String key : kafkaProperties.keySet()) {
      String owner = RESERVED_KAFKA_PROPERTIES.get(key);
      if (owner != null) {
        throw new IllegalArgumentException("AlertHooksConfig.kafkaProperties must not set '" + key
            + "': the service sets it (" + owner + ")");
      }
    }
    Objects.requireNonNull(registry, "AlertHooksConfig.registry");
    Objects.requireNonNull(endpoints, "AlertHooksConfig.endpoints");
    endpoints = List.copyOf(endpoints);
    requireEndpoints(endpoints);
    requireText("alertsTopic", alertsTopic, "e.g. " + Topics.ALERTS.name());
    requireText("deadLetterTopic", deadLetterTopic, "e.g. " + Topics.DEAD_LETTERS.name());
    if (deadLetterTopic.equals(alertsTopic)) {
      throw new IllegalArgumentException("AlertHooksConfig.deadLetterTopic must differ from "
          + "alertsTopic (" + alertsTopic + "): a dead letter is not an alert");
    }
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
      throw new IllegalArgumentException("AlertHooksConfig.maxAttempts must be in [1, "
          + MAX_ATTEMPTS_LIMIT + "] (1 disables retries), got " + maxAttempts);
    }
    requirePositive("initialBackoff", initialBackoff);
    requirePositive("maxBackoff", maxBackoff);
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("AlertHooksConfig.maxBackoff (" + maxBackoff
          + ") must be at least initialBackoff (" + initialBackoff + ")");
    }
    if (queueCapacity < 1 || queueCapacity > QUEUE_CAPACITY_LIMIT) {
      throw new IllegalArgumentException("AlertHooksConfig.queueCapacity must be in [1, "
          + QUEUE_CAPACITY_LIMIT + "], got " + queueCapacity);
    }
    requirePositive("connectTimeout", connectTimeout);
    Objects.requireNonNull(clock, "AlertHooksConfig.clock");
  }

  /**
   * Defaults for everything but the broker, the registry and the endpoints. The jitter seed is
   * random, so that instances restarted together do not retry in lockstep.
   */
  public static AlertHooksConfig defaults(String bootstrapServers, RegistryClientConfig registry,
      List<WebhookEndpoint> endpoints) {
    return new AlertHooksConfig(bootstrapServers, DEFAULT_GROUP_ID, Map.of(), registry, endpoints,
        Topics.ALERTS.name(), Topics.DEAD_LETTERS.name(), DEFAULT_MAX_ATTEMPTS,
        DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_QUEUE_CAPACITY,
        DEFAULT_CONNECT_TIMEOUT, ThreadLocalRandom.current().nextLong(), Clock.systemUTC());
  }

  public AlertHooksConfig withGroupId(String value) {
    return new AlertHooksConfig(bootstrapServers, value, kafkaProperties, registry, endpoints,
        alertsTopic, deadLetterTopic, maxAttempts, initialBackoff, maxBackoff, queueCapacity,
        connectTimeout, jitterSeed, clock);
  }

  public AlertHooksConfig withKafkaProperties(Map<String, String> value) {
    return new AlertHooksConfig(bootstrapServers, groupId, value, registry, endpoints,
        alertsTopic, deadLetterTopic, maxAttempts, initialBackoff, maxBackoff, queueCapacity,
        connectTimeout, jitterSeed, clock);
  }

  public AlertHooksConfig withEndpoints(List<WebhookEndpoint> value) {
    return new AlertHooksConfig(bootstrapServers, groupId, kafkaProperties, registry, value,
        alertsTopic, deadLetterTopic, maxAttempts, initialBackoff, maxBackoff, queueCapacity,
        connectTimeout, jitterSeed, clock);
  }

  /** Same settings reading from and dead-lettering to other topics. */
  public AlertHooksConfig withTopics(String alerts, String deadLetters) {
    return new AlertHooksConfig(bootstrapServers, groupId, kafkaProperties, registry, endpoints,
        alerts, deadLetters, maxAttempts, initialBackoff, maxBackoff, queueCapacity,
        connectTimeout, jitterSeed, clock);
  }

  /** Same settings with another retry policy. */
  public AlertHooksConfig withRetries(int attempts, Duration initial, Duration max) {
    return new AlertHooksConfig(bootstrapServers, groupId, kafkaProperties, registry, endpoints,
        alertsTopic, deadLetterTopic, attempts, initial, max, queueCapacity, connectTimeout,
        jitterSeed, clock);
  }

  public AlertHooksConfig withQueueCapacity(int value) {
    return new AlertHooksConfig(bootstrapServers, groupId, kafkaProperties, registry, endpoints,
        alertsTopic, deadLetterTopic, maxAttempts, initialBackoff, maxBackoff, value,
        connectTimeout, jitterSeed, clock);
  }

  public AlertHooksConfig withConnectTimeout(Duration value) {
    return new AlertHooksConfig(bootstrapServers, groupId, kafkaProperties, registry, endpoints,
        alertsTopic, deadLetterTopic, maxAttempts, initialBackoff, maxBackoff, queueCapacity,
        value, jitterSeed, clock);
  }

  public AlertHooksConfig withJitterSeed(long value) {
    return new AlertHooksConfig(bootstrapServers, groupId, kafkaProperties, registry, endpoints,
        alertsTopic, deadLetterTopic, maxAttempts, initialBackoff, maxBackoff, queueCapacity,
        connectTimeout, value, clock);
  }

  public AlertHooksConfig withClock(Clock value) {
    return new AlertHooksConfig(bootstrapServers, groupId, kafkaProperties, registry, endpoints,
        alertsTopic, deadLetterTopic, maxAttempts, initialBackoff, maxBackoff, queueCapacity,
        connectTimeout, jitterSeed, value);
  }

  /** Never prints secrets: Kafka secrets, the registry password and webhook secrets are hidden. */
  @Override
  public String toString() {
    return "AlertHooksConfig[bootstrapServers=" + bootstrapServers + ", groupId=" + groupId
        + ", kafkaProperties=" + SecretRedaction.redacted(kafkaProperties)
        + ", registry=" + registry + ", endpoints=" + endpoints
        + ", alertsTopic=" + alertsTopic + ", deadLetterTopic=" + deadLetterTopic
        + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
        + ", maxBackoff=" + maxBackoff + ", queueCapacity=" + queueCapacity
        + ", connectTimeout=" + connectTimeout + ", jitterSeed=" + jitterSeed
        + ", clock=" + clock + "]";
  }

  private static void requireEndpoints(List<WebhookEndpoint> endpoints) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("AlertHooksConfig.endpoints must name at least one "
          + "webhook: without one there is nothing to deliver to");
    }
    Set<String> names = new HashSet<>();
    for (WebhookEndpoint endpoint : endpoints) {
      Objects.requireNonNull(endpoint, "AlertHooksConfig.endpoints contains null");
      if (!names.add(endpoint.name())) {
        throw new IllegalArgumentException("AlertHooksConfig.endpoints has two endpoints named '"
            + endpoint.name() + "': names tag metrics and dead letters, so make them unique");
      }
    }
  }

  private static void requireText(String field, String value, String expected) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("AlertHooksConfig." + field + " must not be blank: "
          + expected);
    }
  }

  private static void requirePositive(String field, Duration value) {
    Objects.requireNonNull(value, "AlertHooksConfig." + field);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("AlertHooksConfig." + field + " must be > 0, got " + value);
    }
  }
}
