package io.gmnstream.operator.service;

import io.gmnstream.operator.djl.DjlSettings;
import io.gmnstream.operator.score.BatchBounds;
import io.gmnstream.schemas.SecretRedaction;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the GMN operator's scoring service needs, validated on construction: a bad value fails
 * with an {@link IllegalArgumentException} naming the field and what it accepts.
 *
 * @param bootstrapServers    Kafka bootstrap servers, e.g. {@code localhost:9092}
 * @param kafkaProperties     extra client properties applied to every Kafka client (consumer and
 *                            producer), typically security: {@code security.protocol}, {@code sasl.*},
 *                            {@code ssl.*}; keys the service owns for exactly-once are refused
 * @param registry            how to reach the schema registry
 * @param groupId             consumer group of the service's instances
 * @param transactionalId     transactional.id of this instance, also its consumer's group.instance.id
 *                            (static membership): unique per instance and stable across its restarts, so
 *                            a restarted instance fences its former self and gets its partitions back at once
 * @param modelDir            the GMN model directory (written by {@code GmnModel.save}); watched for new versions
 * @param modelId             the model's id in every score
 * @param batch               graphs and edges per forward pass
 * @param maxBatchWait        how long the first record of a micro-batch waits for more to fill it
 * @param maxGraphEdges       a graph with more edges is refused (dead letter TOO_LARGE) instead of
 *                            risking the process's memory
 * @param modelReloadInterval how often the model directory is checked for a new version; ZERO disables hot reload
 * @param httpPort            port of /healthz and /metrics: 0 picks a free port, -1 runs no HTTP server
 * @param httpBindAddress     address the HTTP server binds to
 * @param djl                 how the DJL engine starts when it has not yet (cache folder, threads)
 * @param scoringThreads      models scoring the parts of a micro-batch side by side (see {@code Scorer}):
 *                            on a CPU host, its core count, with one PyTorch thread each
 */
public record ScoringServiceConfig(
        String bootstrapServers,
        Map<String, String> kafkaProperties,
        RegistryClientConfig registry,
        String groupId,
        String transactionalId,
        Path modelDir,
        String modelId,
        BatchBounds batch,
        Duration maxBatchWait,
        long maxGraphEdges,
        Duration modelReloadInterval,
        int httpPort,
        String httpBindAddress,
        DjlSettings djl,
        int scoringThreads) {

    public static final String DEFAULT_GROUP_ID = "gmn-operator";
    public static final String TRANSACTIONAL_ID_PREFIX = "gmn-operator-";
    public static final Duration DEFAULT_MAX_BATCH_WAIT = Duration.ofMillis(20);
    /**
     * 16M edges: a graph of that size takes ~350 MB as Java arrays and several [edges, hidden] float
     * tensors in the forward pass, which a CPU host with a few GB still holds; a GPU host may raise it.
     */
    public static final long DEFAULT_MAX_GRAPH_EDGES = 1L << 24;
    public static final Duration DEFAULT_MODEL_RELOAD_INTERVAL = Duration.ofSeconds(10);
    public static final int DEFAULT_HTTP_PORT = 8081;
    public static final int NO_HTTP_SERVER = -1;
    public static final String DEFAULT_HTTP_BIND_ADDRESS = "0.0.0.0";
    public static final int MAX_SCORING_THREADS = 256;

    /**
     * Client settings the service sets itself: exactly-once depends on them (read_committed, manual
     * offsets inside the transaction, idempotent acks=all producer), so kafkaProperties may not change them.
     */
    public static final Set<String> SERVICE_OWNED_KAFKA_KEYS = Set.of(
            "bootstrap.servers", "group.id", "group.instance.id", "transactional.id", "enable.auto.commit",
            "isolation.level", "enable.idempotence", "acks", "key.serializer", "value.serializer",
            "key.deserializer", "value.deserializer");

    public ScoringServiceConfig {
        requireText(bootstrapServers, "bootstrapServers", "Kafka bootstrap servers, e.g. localhost:9092");
        requireNonNull(kafkaProperties, "kafkaProperties");
        kafkaProperties = Map.copyOf(kafkaProperties);
        Set<String> owned = new TreeSet<>(kafkaProperties.keySet());
        owned.retainAll(SERVICE_OWNED_KAFKA_KEYS);
        if (!owned.isEmpty()) {
            throw new IllegalArgumentException("kafkaProperties must not set " + String.join(", ", owned)
                    + ": the service sets them itself for exactly-once processing (use the matching config "
                    + "field where there is one: bootstrapServers, groupId, transactionalId)");
        }
        requireNonNull(registry, "registry");
        requireText(groupId, "groupId", "the consumer group of the scoring service, e.g. " + DEFAULT_GROUP_ID);
        requireText(transactionalId, "transactionalId", "unique per instance and stable across restarts, e.g. "
                + TRANSACTIONAL_ID_PREFIX + "<host name>");
        requireNonNull(modelDir, "modelDir");
        requireText(modelId, "modelId", "the model's id in every score, e.g. the model folder's name");
        requireNonNull(batch, "batch");
        requireNonNegative(maxBatchWait, "maxBatchWait", "ZERO scores what each poll returns at once");
        if (maxGraphEdges < 1) {
            throw new IllegalArgumentException("maxGraphEdges must be at least 1, got " + maxGraphEdges);
        }
        requireNonNegative(modelReloadInterval, "modelReloadInterval", "ZERO disables hot reload");
        if (httpPort < NO_HTTP_SERVER || httpPort > 65_535) {
            throw new IllegalArgumentException("httpPort must be -1 (no HTTP server), 0 (any free port) or a port "
                    + "in 1..65535, got " + httpPort);
        }
        requireText(httpBindAddress, "httpBindAddress", "e.g. 0.0.0.0 (all interfaces) or 127.0.0.1");
        requireNonNull(djl, "djl");
        if (scoringThreads < 1 || scoringThreads > MAX_SCORING_THREADS) {
            throw new IllegalArgumentException("scoringThreads must be in 1.." + MAX_SCORING_THREADS
                    + " (one model copy each; on a CPU host, its core count), got " + scoringThreads);
        }
    }

    /**
     * Defaults for everything but the three things every deployment names: group {@value #DEFAULT_GROUP_ID},
     * transactional id {@code gmn-operator-<host name>}, model id = the model folder's name,
     * {@link BatchBounds#DEFAULT}, 20 ms batch wait, {@link #DEFAULT_MAX_GRAPH_EDGES}, reload every 10 s,
     * HTTP on 0.0.0.0:8081, DJL from the environment of the working directory, one scoring thread.
     */
    public static ScoringServiceConfig defaults(String bootstrapServers, RegistryClientConfig registry, Path modelDir) {
        requireNonNull(modelDir, "modelDir");
        return new ScoringServiceConfig(bootstrapServers, Map.of(), registry, DEFAULT_GROUP_ID,
                TRANSACTIONAL_ID_PREFIX + hostName(), modelDir, folderName(modelDir), BatchBounds.DEFAULT,
                DEFAULT_MAX_BATCH_WAIT, DEFAULT_MAX_GRAPH_EDGES, DEFAULT_MODEL_RELOAD_INTERVAL, DEFAULT_HTTP_PORT,
                DEFAULT_HTTP_BIND_ADDRESS, DjlSettings.fromEnvironment(Path.of("")), 1);
    }

    public ScoringServiceConfig withKafkaProperties(Map<String, String> properties) {
        return new ScoringServiceConfig(bootstrapServers, properties, registry, groupId, transactionalId, modelDir,
                modelId, batch, maxBatchWait, maxGraphEdges, modelReloadInterval, httpPort, httpBindAddress, djl, scoringThreads);
    }

    public ScoringServiceConfig withGroupId(String group) {
        return new ScoringServiceConfig(bootstrapServers, kafkaProperties, registry, group, transactionalId, modelDir,
                modelId, batch, maxBatchWait, maxGraphEdges, modelReloadInterval, httpPort, httpBindAddress, djl, scoringThreads);
    }

    public ScoringServiceConfig withTransactionalId(String id) {
        return new ScoringServiceConfig(bootstrapServers, kafkaProperties, registry, groupId, id, modelDir,
                modelId, batch, maxBatchWait, maxGraphEdges, modelReloadInterval, httpPort, httpBindAddress, djl, scoringThreads);
    }

    /** Another model directory; the model id stays as it is (see {@link #withModelId}). */
    public ScoringServiceConfig withModelDir(Path dir) {
        return new ScoringServiceConfig(bootstrapServers, kafkaProperties, registry, groupId, transactionalId, dir,
                modelId, batch, maxBatchWait, maxGraphEdges, modelReloadInterval, httpPort, httpBindAddress, djl, scoringThreads);
    }

    public ScoringServiceConfig withModelId(String id) {
        return new ScoringServiceConfig(bootstrapServers, kafkaProperties, registry, groupId, transactionalId, modelDir,
                id, batch, maxBatchWait, maxGraphEdges, modelReloadInterval, httpPort, httpBindAddress, djl, scoringThreads);
    }

    public ScoringServiceConfig withBatch(BatchBounds bounds) {
        return new ScoringServiceConfig(bootstrapServers, kafkaProperties, registry, groupId, transactionalId, modelDir,
                modelId, bounds, maxBatchWait, maxGraphEdges, modelReloadInterval, httpPort, httpBindAddress, djl, scoringThreads);
    }

    public ScoringServiceConfig withMaxBatchWait(Duration wait) {
        return new ScoringServiceConfig(bootstrapServers, kafkaProperties, registry, groupId, transactionalId, modelDir,
                modelId, batch, wait, maxGraphEdges, modelReloadInterval, httpPort, httpBindAddress, djl, scoringThreads);
    }

    public ScoringServiceConfig withMaxGraphEdges(long edges) {
        return new ScoringServiceConfig(bootstrapServers, kafkaProperties, registry, groupId, transactionalId, modelDir,
                modelId, batch, maxBatchWait, edges, modelReloadInterval, httpPort, httpBindAddress, djl, scoringThreads);
    }

    public ScoringServiceConfig withModelReloadInterval(Duration interval) {
        return new ScoringServiceConfig(bootstrapServers, kafkaProperties, registry, groupId, transactionalId, modelDir,
                modelId, batch, maxBatchWait, maxGraphEdges, interval, httpPort, httpBindAddress, djl, scoringThreads);
    }

    public ScoringServiceConfig withHttpPort(int port) {
        return new ScoringServiceConfig(bootstrapServers, kafkaProperties, registry, groupId, transactionalId, modelDir,
                modelId, batch, maxBatchWait, maxGraphEdges, modelReloadInterval, port, httpBindAddress, djl, scoringThreads);
    }

    public ScoringServiceConfig withHttpBindAddress(String address) {
        return new ScoringServiceConfig(bootstrapServers, kafkaProperties, registry, groupId, transactionalId, modelDir,
                modelId, batch, maxBatchWait, maxGraphEdges, modelReloadInterval, httpPort, address, djl, scoringThreads);
    }

    public ScoringServiceConfig withDjl(DjlSettings settings) {
        return new ScoringServiceConfig(bootstrapServers, kafkaProperties, registry, groupId, transactionalId, modelDir,
                modelId, batch, maxBatchWait, maxGraphEdges, modelReloadInterval, httpPort, httpBindAddress, settings, scoringThreads);
    }

    public ScoringServiceConfig withScoringThreads(int threads) {
        return new ScoringServiceConfig(bootstrapServers, kafkaProperties, registry, groupId, transactionalId, modelDir,
                modelId, batch, maxBatchWait, maxGraphEdges, modelReloadInterval, httpPort, httpBindAddress, djl, threads);
    }

    public boolean hotReload() {
        return !modelReloadInterval.isZero();
    }

    /** Never prints secrets: values of password, secret, token, key and JAAS properties are hidden. */
    @Override
    public String toString() {
        return "ScoringServiceConfig[bootstrapServers=" + bootstrapServers + ", kafkaProperties="
                + SecretRedaction.redacted(kafkaProperties) + ", registry=" + registry + ", groupId=" + groupId
                + ", transactionalId=" + transactionalId + ", modelDir=" + modelDir + ", modelId=" + modelId
                + ", batch=" + batch + ", maxBatchWait=" + maxBatchWait + ", maxGraphEdges=" + maxGraphEdges
                + ", modelReloadInterval=" + modelReloadInterval + ", httpPort=" + httpPort + ", httpBindAddress="
                + httpBindAddress + ", djl=" + djl + ", scoringThreads=" + scoringThreads + "]";
    }

    /**
     * The host's name as the platform names it: {@code HOSTNAME} (a Kubernetes pod's name, stable for a
     * StatefulSet), else the resolver's local host name, else {@code localhost}.
     */
    static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // A host without a resolvable name still runs; instances on it must then set transactionalId.
            return "localhost";
        }
    }

    private static String folderName(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? "model" : name.toString();
    }

    private static void requireNonNull(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
    }

    private static void requireText(String value, String field, String hint) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank: " + hint);
        }
    }

    private static void requireNonNegative(Duration value, String field, String hint) {
        requireNonNull(value, field);
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative (" + hint + "), got " + value);
        }
    }
}
