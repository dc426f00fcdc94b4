package io.gmnstream.embedded.kafka;

import io.gmnstream.embedded.kafka.internal.BrokerProperties;
import io.gmnstream.embedded.kafka.internal.Directories;
import io.gmnstream.embedded.kafka.internal.FreePorts;
import io.gmnstream.embedded.kafka.internal.KraftStorage;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An Apache Kafka broker running inside this JVM: one KRaft node that is both broker and controller,
 * listening on 127.0.0.1, with every replication factor and min ISR at 1 so that consumer groups and
 * transactions work on a single node.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(KafkaBrokerConfig.defaults())) {
 *     broker.createTopics(List.of(TopicSpec.of("gmn.checkpoints", 4)));
 *     String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 *
 * To restart on the same data, close it and start a new one on the same {@link KafkaBrokerConfig#dataDir()}.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final Duration ADMIN_CALL_TIMEOUT = Duration.ofSeconds(30);

    private enum State { NEW, RUNNING, CLOSED }

    private final KafkaBrokerConfig config;
    private State state = State.NEW;
    private Path dataDir;
    private boolean deleteDataDirOnClose;
    private KafkaRaftServer server;
    private String clusterId;
    private int brokerPort;
    private int controllerPort;

    private EmbeddedKafkaBroker(KafkaBrokerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Formats the storage if needed, starts the server and returns once an Admin client sees the node;
     * the caller closes the broker. Fails if the broker does not serve clients within
     * {@link KafkaBrokerConfig#startupTimeout()}, after stopping what had started.
     */
    public static EmbeddedKafkaBroker start(KafkaBrokerConfig config) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(config);
        try {
            broker.startup();
        } catch (RuntimeException e) {
            broker.closeAfterFailedStart(e);
            throw e;
        }
        return broker;
    }

    private synchronized void startup() {
        state = State.RUNNING;
        Instant deadline = Instant.now().plus(config.startupTimeout());
        dataDir = config.dataDir().orElseGet(EmbeddedKafkaBroker::createTempDataDir);
        deleteDataDirOnClose = config.dataDir().isEmpty();
        Path logDir = dataDir.resolve("kraft-combined-logs");
        clusterId = KraftStorage.formatIfNeeded(logDir, BrokerProperties.NODE_ID, BrokerProperties.CONTROLLER_LISTENER);

        brokerPort = FreePorts.resolve(config.brokerPort());
        controllerPort = FreePorts.resolve(config.controllerPort());
        while (controllerPort == brokerPort) {
            controllerPort = FreePorts.pick();
        }
        KafkaConfig kafkaConfig = KafkaConfig.fromProps(
                BrokerProperties.build(config, logDir, brokerPort, controllerPort), false);
        server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
        server.startup();
        awaitNodeVisible(deadline);
        LOG.info("Kafka broker (cluster {}) serving on {} with data in {}", clusterId, bootstrapServers(), dataDir);
    }

    /** {@code host:port} for the clients' bootstrap.servers. */
    public String bootstrapServers() {
        requireRunning();
        return BrokerProperties.HOST + ":" + brokerPort;
    }

    public int brokerPort() {
        requireRunning();
        return brokerPort;
    }

    public String clusterId() {
        requireRunning();
        return clusterId;
    }

    /** The directory holding the logs and the cluster id. */
    public Path dataDir() {
        requireRunning();
        return dataDir;
    }

    public KafkaBrokerConfig config() {
        return config;
    }

    /** Config for {@link Admin#create(Map)}. */
    public Map<String, Object> adminConfig() {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    /** An Admin client for this broker; the caller closes it. */
    public Admin createAdmin() {
        return Admin.create(adminConfig());
    }

    /** Producer config: bootstrap servers and a request size that admits the broker's largest message. */
    public Map<String, Object> producerConfig() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.maxMessageBytes());
        return props;
    }

    /** Consumer config: bootstrap servers, the group, fetch sizes that admit the broker's largest message. */
    public Map<String, Object> consumerConfig(String groupId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, Objects.requireNonNull(groupId, "groupId"));
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, config.maxMessageBytes());
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Math.max(config.maxMessageBytes(), 50 * KafkaBrokerConfig.MIB));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    /**
     * Creates the topics that do not exist yet and returns their names; existing topics are left as they
     * are (not reconfigured), so this is safe to call on every start of a persistent cluster.
     */
    public Set<String> createTopics(List<TopicSpec> topics) {
        requireRunning();
        List<NewTopic> newTopics = new ArrayList<>();
        for (TopicSpec spec : topics) {
            newTopics.add(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.topicConfigs()));
        }
        Set<String> created = new LinkedHashSet<>();
        try (Admin admin = createAdmin()) {
            CreateTopicsResult result = admin.createTopics(newTopics,
                    new CreateTopicsOptions().timeoutMs((int) ADMIN_CALL_TIMEOUT.toMillis()));
            for (var entry : result.values().entrySet()) {
                if (awaitCreated(entry.getKey(), entry.getValue())) {
                    created.add(entry.getKey());
                }
            }
        }
        return created;
    }

    /** True if created, false if it already existed. */
    private static boolean awaitCreated(String topic, KafkaFuture<Void> future) {
        try {
            future.get(ADMIN_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException("Creating topic " + topic + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Creating topic " + topic + " timed out after " + ADMIN_CALL_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
    }

    /** Shuts the broker down cleanly and deletes a temporary data dir; calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        try {
            if (server != null) {
                server.shutdown();
                server.awaitShutdown();
            }
        } finally {
            if (deleteDataDirOnClose && dataDir != null) {
                Directories.deleteRecursively(dataDir);
            }
        }
        LOG.info("Kafka broker on 127.0.0.1:{} stopped", brokerPort);
    }

    private void closeAfterFailedStart(RuntimeException startFailure) {
        try {
            close();
        } catch (RuntimeException closeFailure) {
            startFailure.addSuppressed(closeFailure);
        }
    }

    /** Startup returns before the broker is unfenced and serving; the Admin client is the real test. */
    private void awaitNodeVisible(Instant deadline) {
        try (Admin admin = createAdmin()) {
            RuntimeException lastFailure = null;
            while (Instant.now().isBefore(deadline)) {
                long remainingMs = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
                try {
                    int callTimeout = (int) Math.min(remainingMs, 5_000);
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(callTimeout))
                            .nodes().get(remainingMs, TimeUnit.MILLISECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException e) {
                    // Not serving yet (e.g. still fenced): retry until the deadline, remember why.
                    lastFailure = new IllegalStateException(e.getCause().getMessage(), e.getCause());
                } catch (TimeoutException e) {
                    lastFailure = new IllegalStateException("describeCluster timed out", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the broker to start", e);
                }
            }
            throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " did not serve clients within "
                    + config.startupTimeout() + "; raise startupTimeout or check the log for the cause", lastFailure);
        }
    }

    private void requireRunning() {
        if (state != State.RUNNING) {
            throw new IllegalStateException("Broker is " + state.name().toLowerCase());
        }
    }

    private static Path createTempDataDir() {
        try {
            return Files.createTempDirectory("gmn-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary Kafka data directory in "
                    + System.getProperty("java.io.tmpdir"), e);
        }
    }
}
