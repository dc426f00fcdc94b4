package io.gmnstream.operator.service;

import ai.djl.Device;
import io.gmnstream.operator.djl.DjlRuntime;
import io.gmnstream.operator.djl.DjlSettings;
import io.gmnstream.operator.djl.EngineInfo;
import io.gmnstream.operator.score.Scorer;
import io.gmnstream.operator.service.http.Health;
import io.gmnstream.operator.service.http.OperatorHttpServer;
import io.gmnstream.operator.service.intake.BatchAccumulator;
import io.gmnstream.operator.service.intake.GraphDecoder;
import io.gmnstream.operator.service.loop.KafkaClientConfigs;
import io.gmnstream.operator.service.loop.LoopStatus;
import io.gmnstream.operator.service.loop.OutputRecords;
import io.gmnstream.operator.service.loop.ScoringLoop;
import io.gmnstream.operator.service.metrics.ServiceMetrics;
import io.gmnstream.operator.service.scoring.ModelHandoff;
import io.gmnstream.operator.service.scoring.ModelWatcher;
import io.gmnstream.operator.service.scoring.ResilientScorer;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.ParamGraph;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import io.gmnstream.schemas.serde.AvroDeserializer;
import io.gmnstream.schemas.serde.AvroSerializer;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GMN operator's scoring service: reads parameter graphs from {@code gmn.graphs}, scores them with
 * the GMN in micro-batches and publishes one score per graph to {@code gmn.scores} (and unusable records
 * to {@code gmn.dead-letters}), exactly once, on its own thread. Serves {@code /healthz} and
 * {@code /metrics}, and swaps in a new model version when the model directory changes.
 *
 * <pre>{@code
 * try (ScoringService service = ScoringService.start(ScoringServiceConfig.defaults(bootstrap, registry, modelDir))) {
 *     ... // runs until closed
 * }
 * }</pre>
 */
public final class ScoringService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringService.class);
    private static final long STOP_TIMEOUT_SECONDS = 60;

    private final String device;
    private final ServiceMetrics metrics;
    private final LoopStatus status;
    private final ScoringLoop loop;
    private final Thread loopThread;
    private final ModelHandoff handoff;
    private final SchemaRegistryClient registry;
    private ModelWatcher watcher;
    private OperatorHttpServer http;
    private boolean closed;

    private ScoringService(String device, ServiceMetrics metrics, LoopStatus status, ScoringLoop loop,
                           ModelHandoff handoff, SchemaRegistryClient registry) {
        this.device = device;
        this.metrics = metrics;
        this.status = status;
        this.loop = loop;
        this.handoff = handoff;
        this.registry = registry;
        this.loopThread = new Thread(loop, "gmn-operator-scoring");
    }

    /**
     * Starts DJL (unless already started), loads the model, and starts the scoring loop, the model
     * watcher and the HTTP server.
     *
     * @throws ScoringServiceException when the model cannot be loaded or the HTTP port cannot be bound
     * @throws io.gmnstream.operator.djl.DjlStartupException when the engine cannot start offline
     */
    public static ScoringService start(ScoringServiceConfig config) {
        return start(config, Clock.systemUTC());
    }

    static ScoringService start(ScoringServiceConfig config, Clock clock) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        EngineInfo engine = DjlRuntime.start(config.djl());
        String device = deviceName(engine.device());
        Scorer scorer = load(config);
        LOG.info("scoring on {} with model {} version {}, {} scoring thread(s) ({})", device, config.modelId(),
                scorer.modelVersion(), config.scoringThreads(), engine.describe());
        int cores = Runtime.getRuntime().availableProcessors();
        if (!engine.device().isGpu() && config.scoringThreads() * engine.settings().numThreads() > cores) {
            LOG.warn("{} scoring threads x {} PyTorch threads each oversubscribe {} cores: set {}=1 when scoring "
                    + "threads match the cores", config.scoringThreads(), engine.settings().numThreads(), cores,
                    DjlSettings.NUM_THREADS_PROPERTY);
        }
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        opened.push(scorer);
        try {
            SchemaRegistryClient registry = SchemaRegistryClient.connect(config.registry());
            opened.push(registry);
            ServiceMetrics metrics = new ServiceMetrics(device, config.modelId(), scorer.modelVersion());
            opened.push(metrics);
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClientConfigs.consumer(config));
            opened.push(consumer);
            ModelHandoff handoff = new ModelHandoff();
            ScoringLoop.Stages stages = new ScoringLoop.Stages(
                    new GraphDecoder(new AvroDeserializer<>(ParamGraph.class, registry), config.maxGraphEdges()),
                    new BatchAccumulator(config.batch(), config.maxBatchWait()),
                    new ResilientScorer(metrics),
                    new OutputRecords(new AvroSerializer<SpecificRecord>(registry, true), Topics.SCORES.name(),
                            Topics.DEAD_LETTERS.name(), config.modelId(), device,
                            KafkaClientConfigs.maxRequestBytes(config)));
            ScoringLoop.Clients clients = new ScoringLoop.Clients(consumer,
                    () -> new KafkaProducer<>(KafkaClientConfigs.producer(config)), Topics.GRAPHS.name(),
                    config.transactionalId());
            LoopStatus status = new LoopStatus(scorer.modelVersion());
            ScoringLoop loop = new ScoringLoop(clients, stages, new ScoringLoop.Model(config.modelId(), scorer, handoff),
                    metrics, status, clock);
            ScoringService service = new ScoringService(device, metrics, status, loop, handoff, registry);
            // From here on the service owns everything: close() releases it.
            opened.clear();
            service.startParts(config, scorer.modelVersion());
            return service;
        } catch (RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    private void startParts(ScoringServiceConfig config, String modelVersion) {
        try {
            loopThread.start();
            if (config.hotReload()) {
                watcher = new ModelWatcher(config.modelDir(), modelVersion, dir -> Scorer.load(dir, config.batch(), config.scoringThreads()),
                        handoff, new ModelWatcher.Listener() {
                            @Override
                            public void reloaded(String version) {
                                metrics.reloaded();
                            }

                            @Override
                            public void reloadFailed(String version, Exception cause) {
                                metrics.reloadFailed();
                            }
                        });
                watcher.start(config.modelReloadInterval());
            }
            if (config.httpPort() != ScoringServiceConfig.NO_HTTP_SERVER) {
                http = OperatorHttpServer.start(config.httpBindAddress(), config.httpPort(), this::health,
                        metrics::scrape);
                LOG.info("serving /healthz and /metrics on {}:{}", config.httpBindAddress(), http.port());
            }
        } catch (RuntimeException e) {
            try {
                close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new ScoringServiceException("the scoring service failed to start: " + e.getMessage(), e);
        }
    }

    private static Scorer load(ScoringServiceConfig config) {
        try {
            return Scorer.load(config.modelDir(), config.batch(), config.scoringThreads());
        } catch (IOException | RuntimeException e) {
            throw new ScoringServiceException("cannot load the GMN model from " + config.modelDir() + ": "
                    + e.getMessage() + " (point modelDir at a directory written by GmnModel.save, e.g. models/digits-gmn)",
                    e);
        }
    }

    /** {@code cpu}, or {@code gpu:<id>}: the form of the scores' device field. */
    static String deviceName(Device device) {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : device.getDeviceType();
    }

    public ServiceStats stats() {
        return new ServiceStats(metrics.graphsScored(), metrics.deadLettered(), metrics.batches(),
                metrics.transactionsCommitted(), status.modelVersion(), device, status.lastError());
    }

    /** The HTTP server's port, empty when it runs none. */
    public OptionalInt httpPort() {
        return http == null ? OptionalInt.empty() : OptionalInt.of(http.port());
    }

    public String device() {
        return device;
    }

    /** Whether the scoring loop runs (false once it stopped: closed, fenced, or dead). */
    public boolean isRunning() {
        return status.running() && loopThread.isAlive();
    }

    private Health health() {
        return new Health(isRunning(), device, status.modelVersion());
    }

    /**
     * Stops the model watcher, lets the scoring loop finish (or abort) its transaction and close its
     * clients and model, then stops the HTTP server.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (watcher != null) {
            watcher.close();
        }
        loop.requestStop();
        if (loopThread.isAlive()) {
            try {
                loopThread.join(TimeUnit.SECONDS.toMillis(STOP_TIMEOUT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (loopThread.isAlive()) {
                LOG.warn("the scoring loop did not stop within {} s; leaving it to finish", STOP_TIMEOUT_SECONDS);
            }
        } else if (loopThread.getState() == Thread.State.NEW) {
            // Never started: the loop's own shutdown never runs, so release what it owns here.
            loop.run();
        }
        handoff.close();
        if (http != null) {
            http.close();
        }
        registry.close();
        metrics.close();
    }

    private static void closeAll(Deque<AutoCloseable> opened, RuntimeException failure) {
        for (AutoCloseable resource : opened) {
            try {
                resource.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }
}
