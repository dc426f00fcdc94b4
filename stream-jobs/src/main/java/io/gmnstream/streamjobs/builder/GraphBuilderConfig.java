package io.gmnstream.streamjobs.builder;

import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.schemas.SecretRedaction;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import io.gmnstream.streamjobs.blob.BlobFetchConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Validated settings of the graph-builder job. The constructor refuses bad values with an
 * IllegalArgumentException naming the field, so a misconfigured job fails before it is submitted.
 *
 * @param bootstrapServers Kafka bootstrap servers, {@code host:port[,host:port...]}
 * @param kafkaProperties extra properties for every Kafka client of the job: security passthrough
 *     such as {@code security.protocol}, {@code sasl.*}, {@code ssl.*}
 * @param registry the schema registry the job reads and writes through
 * @param groupId consumer group of the source (its committed offsets are the starting point)
 * @param parallelism parallelism of every operator
 * @param checkpointInterval Flink checkpoint interval; graphs become visible to read_committed
 *     consumers only when a checkpoint completes, so publish-to-score latency depends on it
 * @param blobs where referenced weights may be fetched from
 * @param maxPendingPerRun most checkpoints of one run waiting for the run's manifest
 * @param pendingTimeout how long a checkpoint waits for its run's manifest
 * @param limits size limits of the graphs built
 * @param transactionalIdPrefix prefix of the exactly-once sink's Kafka transactional ids; unique
 *     per job on a cluster
 * @param transactionTimeout producer transaction.timeout.ms; at most the broker's
 *     transaction.max.timeout.ms (15 min by default), and longer than a checkpoint plus a restart
 */
public record GraphBuilderConfig(
    String bootstrapServers,
    Map<String, String> kafkaProperties,
    RegistryClientConfig registry,
    String groupId,
    int parallelism,
    Duration checkpointInterval,
    BlobFetchConfig blobs,
    int maxPendingPerRun,
    Duration pendingTimeout,
    GraphLimits limits,
    String transactionalIdPrefix,
    Duration transactionTimeout) {

  public static final String DEFAULT_GROUP_ID = "gmn-graph-builder";
  public static final int DEFAULT_PARALLELISM = 1;
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofMillis(200);
  public static final int DEFAULT_MAX_PENDING_PER_RUN = 64;
  public static final Duration DEFAULT_PENDING_TIMEOUT = Duration.ofMinutes(5);
  public static final String DEFAULT_TRANSACTIONAL_ID_PREFIX = "gmn-graph-builder";
  public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(10);
  /** Kafka's default transaction.max.timeout.ms: a longer producer timeout is refused by the broker. */
  public static final Duration MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);
  /** Flink's smallest checkpoint interval. */
  public static final Duration MIN_CHECKPOINT_INTERVAL = Duration.ofMillis(10);

  /** Client properties the job sets itself; passing them in kafkaProperties would be silently wrong. */
  static final Map<String, String> RESERVED_KAFKA_PROPERTIES = Map.ofEntries(
      Map.entry("bootstrap.servers", "bootstrapServers"),
      Map.entry("group.id", "groupId"),
      Map.entry("transactional.id", "transactionalIdPrefix"),
      Map.entry("transaction.timeout.ms", "transactionTimeout"),
      Map.entry("isolation.level", "always read_committed"),
      Map.entry("key.deserializer", "raw bytes"),
      Map.entry("value.deserializer", "raw bytes"),
      Map.entry("key.serializer", "raw bytes"),
      Map.entry("value.serializer", "raw bytes"),
      Map.entry("enable.auto.commit", "offsets commit on checkpoints"));

  public GraphBuilderConfig {
    requireText("bootstrapServers", bootstrapServers, "host:port[,host:port...], e.g. localhost:9092");
    Objects.requireNonNull(kafkaProperties, "GraphBuilderConfig.kafkaProperties");
    kafkaProperties = Map.copyOf(kafkaProperties);
    for (String key : kafkaProperties.keySet()) {
      String field = RESERVED_KAFKA_PROPERTIES.get(key);
      if (field != null) {
        throw new IllegalArgumentException("GraphBuilderConfig.kafkaProperties must not set '" + key
            + "': the job sets it (" + field + ")");
      }
    }
    Objects.requireNonNull(registry, "GraphBuilderConfig.registry");
    requireText("groupId", groupId, "a consumer group id, e.g. " + DEFAULT_GROUP_ID);
    if (parallelism < 1 || parallelism > 32_768) {
      throw new IllegalArgumentException("GraphBuilderConfig.parallelism must be in [1, 32768], got " + parallelism);
    }
    requireAtLeast("checkpointInterval", checkpointInterval, MIN_CHECKPOINT_INTERVAL);
    Objects.requireNonNull(blobs, "GraphBuilderConfig.blobs");
    if (maxPendingPerRun < 0) {
      throw new IllegalArgumentException("GraphBuilderConfig.maxPendingPerRun must be >= 0 (0 dead-letters "
          + "every checkpoint that arrives before its manifest), got " + maxPendingPerRun);
    }
    requireAtLeast("pendingTimeout", pendingTimeout, Duration.ofMillis(1));
    Objects.requireNonNull(limits, "GraphBuilderConfig.limits");
    requireText("transactionalIdPrefix", transactionalIdPrefix, "a prefix unique to this job, e.g. "
        + DEFAULT_TRANSACTIONAL_ID_PREFIX);
    requireAtLeast("transactionTimeout", transactionTimeout, Duration.ofSeconds(1));
    if (transactionTimeout.compareTo(MAX_TRANSACTION_TIMEOUT) > 0) {
      throw new IllegalArgumentException("GraphBuilderConfig.transactionTimeout must be at most " + MAX_TRANSACTION_TIMEOUT
          + " (the broker's default transaction.max.timeout.ms), got " + transactionTimeout);
    }
    if (transactionTimeout.compareTo(checkpointInterval) <= 0) {
      throw new IllegalArgumentException("GraphBuilderConfig.transactionTimeout (" + transactionTimeout
          + ") must be longer than checkpointInterval (" + checkpointInterval
          + "): a transaction stays open from one checkpoint to the next");
    }
  }

  /** Defaults for everything but the broker and the registry. */
  public static GraphBuilderConfig defaults(String bootstrapServers, RegistryClientConfig registry) {
    return new GraphBuilderConfig(bootstrapServers, Map.of(), registry, DEFAULT_GROUP_ID, DEFAULT_PARALLELISM,
        DEFAULT_CHECKPOINT_INTERVAL, BlobFetchConfig.defaults(), DEFAULT_MAX_PENDING_PER_RUN,
        DEFAULT_PENDING_TIMEOUT, GraphLimits.defaults(), DEFAULT_TRANSACTIONAL_ID_PREFIX,
        DEFAULT_TRANSACTION_TIMEOUT);
  }

  public GraphBuilderConfig withBootstrapServers(String value) {
    return new GraphBuilderConfig(value, kafkaProperties, registry, groupId, parallelism, checkpointInterval,
        blobs, maxPendingPerRun, pendingTimeout, limits, transactionalIdPrefix, transactionTimeout);
  }

  public GraphBuilderConfig withKafkaProperties(Map<String, String> value) {
    return new GraphBuilderConfig(bootstrapServers, value, registry, groupId, parallelism, checkpointInterval,
        blobs, maxPendingPerRun, pendingTimeout, limits, transactionalIdPrefix, transactionTimeout);
  }

  public GraphBuilderConfig withRegistry(RegistryClientConfig value) {
    return new GraphBuilderConfig(bootstrapServers, kafkaProperties, value, groupId, parallelism, checkpointInterval,
        blobs, maxPendingPerRun, pendingTimeout, limits, transactionalIdPrefix, transactionTimeout);
  }

  public GraphBuilderConfig withGroupId(String value) {
    return new GraphBuilderConfig(bootstrapServers, kafkaProperties, registry, value, parallelism, checkpointInterval,
        blobs, maxPendingPerRun, pendingTimeout, limits, transactionalIdPrefix, transactionTimeout);
  }

  public GraphBuilderConfig withParallelism(int value) {
    return new GraphBuilderConfig(bootstrapServers, kafkaProperties, registry, groupId, value, checkpointInterval,
        blobs, maxPendingPerRun, pendingTimeout, limits, transactionalIdPrefix, transactionTimeout);
  }

  public GraphBuilderConfig withCheckpointInterval(Duration value) {
    return new GraphBuilderConfig(bootstrapServers, kafkaProperties, registry, groupId, parallelism, value,
        blobs, maxPendingPerRun, pendingTimeout, limits, transactionalIdPrefix, transactionTimeout);
  }

  public GraphBuilderConfig withBlobs(BlobFetchConfig value) {
    return new GraphBuilderConfig(bootstrapServers, kafkaProperties, registry, groupId, parallelism,
        checkpointInterval, value, maxPendingPerRun, pendingTimeout, limits, transactionalIdPrefix,
        transactionTimeout);
  }

  public GraphBuilderConfig withMaxPendingPerRun(int value) {
    return new GraphBuilderConfig(bootstrapServers, kafkaProperties, registry, groupId, parallelism,
        checkpointInterval, blobs, value, pendingTimeout, limits, transactionalIdPrefix, transactionTimeout);
  }

  public GraphBuilderConfig withPendingTimeout(Duration value) {
    return new GraphBuilderConfig(bootstrapServers, kafkaProperties, registry, groupId, parallelism,
        checkpointInterval, blobs, maxPendingPerRun, value, limits, transactionalIdPrefix, transactionTimeout);
  }

  public GraphBuilderConfig withLimits(GraphLimits value) {
    return new GraphBuilderConfig(bootstrapServers, kafkaProperties, registry, groupId, parallelism,
        checkpointInterval, blobs, maxPendingPerRun, pendingTimeout, value, transactionalIdPrefix, transactionTimeout);
  }

  public GraphBuilderConfig withTransactionalIdPrefix(String value) {
    return new GraphBuilderConfig(bootstrapServers, kafkaProperties, registry, groupId, parallelism,
        checkpointInterval, blobs, maxPendingPerRun, pendingTimeout, limits, value, transactionTimeout);
  }

  public GraphBuilderConfig withTransactionTimeout(Duration value) {
    return new GraphBuilderConfig(bootstrapServers, kafkaProperties, registry, groupId, parallelism,
        checkpointInterval, blobs, maxPendingPerRun, pendingTimeout, limits, transactionalIdPrefix, value);
  }

  /** Never prints secrets: values of password, secret, token, key and JAAS properties are hidden. */
  @Override
  public String toString() {
    Map<String, String> shown = SecretRedaction.redacted(kafkaProperties);
    return "GraphBuilderConfig[bootstrapServers=" + bootstrapServers + ", kafkaProperties=" + shown
        + ", registry=" + registry + ", groupId=" + groupId + ", parallelism=" + parallelism
        + ", checkpointInterval=" + checkpointInterval + ", blobs=" + blobs + ", maxPendingPerRun=" + maxPendingPerRun
        + ", pendingTimeout=" + pendingTimeout + ", limits=" + limits + ", transactionalIdPrefix="
        + transactionalIdPrefix + ", transactionTimeout=" + transactionTimeout + "]";
  }

  private static void requireText(String field, String value, String expected) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("GraphBuilderConfig." + field + " must not be blank: " + expected);
    }
  }

  private static void requireAtLeast(String field, Duration value, Duration min) {
    Objects.requireNonNull(value, "GraphBuilderConfig." + field);
    if (value.compareTo(min) < 0) {
      throw new IllegalArgumentException("GraphBuilderConfig." + field + " must be at least " + min + ", got " + value);
    }
  }
}
