package io.gmnstream.operator.service.metrics;

import io.gmnstream.operator.score.BatchListener;
import io.gmnstream.schemas.avro.DeadLetterReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The operator's meters, exposed in the Prometheus text format. Counts of records are recorded when
 * their transaction commits, so they match what consumers of the output topics see exactly.
 *
 * <p>Thread-safe: the scoring thread records, the model watcher reports reloads, the HTTP server scrapes.
 */
public final class ServiceMetrics implements BatchListener, AutoCloseable {
    static final String PREFIX = "gmn.operator.";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter scores;
    private final Map<DeadLetterReason, Counter> deadLetters = new EnumMap<>(DeadLetterReason.class);
    private final Counter transactionsCommitted;
    private final Counter transactionsAborted;
    private final Counter reloads;
    private final Counter reloadFailures;
    private final DistributionSummary passGraphs;
    private final Timer passTime;
    private final Timer publishToScore;
    private final AtomicLong consumerLag = new AtomicLong();
    private final AtomicLong graphsScored = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private Gauge modelInfo;

    public ServiceMetrics(String device, String modelId, String modelVersion) {
        scores = Counter.builder(PREFIX + "scores").description("Scores committed to the scores topic")
                .register(registry);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLetters.put(reason, Counter.builder(PREFIX + "dead.letters").tag("reason", reason.name())
                    .description("Records committed to the dead-letter topic, by reason").register(registry));
        }
        transactionsCommitted = Counter.builder(PREFIX + "transactions").tag("outcome", "committed")
                .description("Kafka transactions of the scoring loop").register(registry);
        transactionsAborted = Counter.builder(PREFIX + "transactions").tag("outcome", "aborted")
                .description("Kafka transactions of the scoring loop").register(registry);
        reloads = Counter.builder(PREFIX + "model.reloads").tag("outcome", "loaded")
                .description("Hot reloads of the GMN model").register(registry);
        reloadFailures = Counter.builder(PREFIX + "model.reloads").tag("outcome", "failed")
                .description("Hot reloads of the GMN model").register(registry);
        passGraphs = DistributionSummary.builder(PREFIX + "batch.size").baseUnit("graphs")
                .description("Graphs per forward pass").publishPercentiles(0.5, 0.9, 0.99).register(registry);
        passTime = Timer.builder(PREFIX + "batch.scoring").description("Time per forward pass, packing included")
                .publishPercentiles(0.5, 0.9, 0.99).register(registry);
        publishToScore = Timer.builder(PREFIX + "publish.to.score.latency")
                .description("From the checkpoint's creation to its score (scoredAt - checkpointCreatedAt)")
                .publishPercentiles(0.5, 0.9, 0.99).register(registry);
        Gauge.builder(PREFIX + "consumer.lag", consumerLag, AtomicLong::get)
                .description("Graphs not yet read on the assigned partitions (end offset - position)")
                .register(registry);
        Gauge.builder(PREFIX + "device", () -> 1).tags(Tags.of("device", device))
                .description("The device the model runs on (the value is always 1)").register(registry);
        modelChanged(modelId, modelVersion);
    }

    /** A forward pass that succeeded. */
    @Override
    public void onBatch(BatchStats stats) {
        passGraphs.record(stats.graphs());
        passTime.record(stats.buildNanos() + stats.forwardNanos(), TimeUnit.NANOSECONDS);
        batches.incrementAndGet();
    }

    /** A transaction committed these many scores and dead letters. */
    public void committed(int scoreCount, Map<DeadLetterReason, Integer> deadLettersByReason) {
        scores.increment(scoreCount);
        graphsScored.addAndGet(scoreCount);
        deadLettersByReason.forEach((reason, count) -> {
            deadLetters.get(reason).increment(count);
            deadLettered.addAndGet(count);
        });
        transactionsCommitted.increment();
        committed.incrementAndGet();
    }

    public void publishToScore(Duration latency) {
        // A producer's clock ahead of ours gives a negative latency: record 0 rather than lose the sample.
        publishToScore.record(latency.isNegative() ? Duration.ZERO : latency);
    }

    public void aborted() {
        transactionsAborted.increment();
    }

    public void consumerLag(long records) {
        consumerLag.set(records);
    }

    public void reloaded() {
        reloads.increment();
    }

    public void reloadFailed() {
        reloadFailures.increment();
    }

    /** The model now in use: replaces the model info gauge, whose tags name it. */
    public synchronized void modelChanged(String modelId, String modelVersion) {
        if (modelInfo != null) {
            registry.remove(modelInfo);
        }
        modelInfo = Gauge.builder(PREFIX + "model", () -> 1).tags(Tags.of("model_id", modelId, "model_version",
                modelVersion)).description("The model in use (the value is always 1)").register(registry);
    }

    public long graphsScored() {
        return graphsScored.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    /** Forward passes run (those of a transaction that was then aborted included). */
    public long batches() {
        return batches.get();
    }

    public long transactionsCommitted() {
        return committed.get();
    }

    /** Every meter in the Prometheus text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        registry.close();
    }
}
