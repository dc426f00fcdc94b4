package io.gmnstream.operator.service.loop;

import io.gmnstream.operator.score.Scorer;
import io.gmnstream.operator.service.intake.BatchAccumulator;
import io.gmnstream.operator.service.intake.GraphDecoder;
import io.gmnstream.operator.service.intake.GraphInput;
import io.gmnstream.operator.service.intake.Incoming;
import io.gmnstream.operator.service.intake.SourceRecord;
import io.gmnstream.operator.service.metrics.ServiceMetrics;
import io.gmnstream.operator.service.scoring.ModelHandoff;
import io.gmnstream.operator.service.scoring.ResilientScorer;
import io.gmnstream.operator.service.scoring.ScoringOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exactly-once consume-score-produce loop, run on one thread. Each micro-batch is decoded, scored,
 * and published in one Kafka transaction together with the consumer offsets that follow it, so a
 * graph's score (or dead letter) and the fact that it was read commit together or not at all.
 *
 * <p>Failures: a transaction that fails is aborted and every assigned partition is rewound to its
 * committed offset, then retried after a backoff (nothing is lost, nothing is published twice);
 * a producer in a fatal state is replaced; a model that fails on a batch is handled by
 * {@link ResilientScorer}. Being fenced (another instance took this transactional or group instance
 * id) stops the loop: two instances must not share an identity.
 */
public final class ScoringLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ScoringLoop.class);
    /** Poll timeout while nothing waits for a batch: bounds how late a model swap or stop is seen. */
    private static final Duration IDLE_POLL = Duration.ofMillis(200);
    private static final Duration CLIENT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /**
     * The Kafka side.
     *
     * @param producers opens a transactional producer (not yet initialised); called again to replace one
     */
    public record Clients(Consumer<byte[], byte[]> consumer, Supplier<Producer<byte[], byte[]>> producers,
                          String inputTopic, String transactionalId) {
        public Clients {
            Objects.requireNonNull(consumer, "consumer");
            Objects.requireNonNull(producers, "producers");
            Objects.requireNonNull(inputTopic, "inputTopic");
            Objects.requireNonNull(transactionalId, "transactionalId");
        }
    }

    /** The stages a record goes through. */
    public record Stages(GraphDecoder decoder, BatchAccumulator accumulator, ResilientScorer scorer,
                         OutputRecords output) {
        public Stages {
            Objects.requireNonNull(decoder, "decoder");
            Objects.requireNonNull(accumulator, "accumulator");
            Objects.requireNonNull(scorer, "scorer");
            Objects.requireNonNull(output, "output");
        }
    }

    /** The model: the one to start with (owned by the loop from now on) and where new versions arrive. */
    public record Model(String modelId, Scorer initial, ModelHandoff handoff) {
        public Model {
            Objects.requireNonNull(modelId, "modelId");
            Objects.requireNonNull(initial, "initial");
            Objects.requireNonNull(handoff, "handoff");
        }
    }

    private final Clients clients;
    private final Consumer<byte[], byte[]> consumer;
    private final Stages stages;
    private final Model model;
    private final ServiceMetrics metrics;
    private final LoopStatus status;
    private final Clock clock;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Backoff backoff = new Backoff(stopRequested);
    /** Records dropped for a rewind that has not succeeded yet: kept to know where to go back to. */
    private final List<Incoming> uncommitted = new ArrayList<>();
    private Scorer scorer;
    private Producer<byte[], byte[]> producer;
    private boolean inTransaction;
    private boolean needsRewind;
    /** The batch between leaving the accumulator and its commit: rewound with it on failure. */
    private List<Incoming> inFlight = List.of();

    public ScoringLoop(Clients clients, Stages stages, Model model, ServiceMetrics metrics, LoopStatus status,
                       Clock clock) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.consumer = clients.consumer();
        this.stages = Objects.requireNonNull(stages, "stages");
        this.model = Objects.requireNonNull(model, "model");
        this.scorer = model.initial();
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.status = Objects.requireNonNull(status, "status");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Asks the loop to stop after the step it is in (a transaction under way commits or aborts first). */
    public void requestStop() {
        stopRequested.countDown();
        consumer.wakeup();
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(clients.inputTopic()), new DropRevokedWork());
            while (!stopping()) {
                step();
            }
        } catch (ProducerFencedException | FencedInstanceIdException e) {
            status.error(e);
            LOG.error("another instance took over transactional.id / group.instance.id '{}'; this instance stops "
                    + "scoring. Give every instance its own transactionalId.", clients.transactionalId(), e);
        } catch (RuntimeException | Error e) {
            // Only what the step cannot recover from gets here (an Error, most likely memory).
            status.error(e);
            LOG.error("the scoring loop died; /healthz reports DOWN", e);
        } finally {
            shutdown();
            status.stopped();
        }
    }

    private boolean stopping() {
        return stopRequested.getCount() == 0;
    }

    private void step() {
        try {
            if (producer == null) {
                producer = openProducer();
            }
            if (needsRewind) {
                rewind();
                needsRewind = false;
            }
            takeOfferedModel();
            poll();
            if (stages.accumulator().isDue(System.nanoTime())) {
                process(stages.accumulator().takeBatch());
            }
            backoff.reset();
        } catch (WakeupException e) {
            if (!stopping()) {
                recover(e);
            }
        } catch (ProducerFencedException | FencedInstanceIdException e) {
            throw e;
        } catch (RuntimeException e) {
            recover(e);
        }
    }

    /**
     * A producer ready for transactions. Its initTransactions also fences any earlier producer with this
     * transactional.id and aborts what that one left open (e.g. when the previous process was killed).
     */
    private Producer<byte[], byte[]> openProducer() {
        Producer<byte[], byte[]> opened = clients.producers().get();
        try {
            opened.initTransactions();
            return opened;
        } catch (RuntimeException e) {
            closeQuietly(opened, Duration.ZERO);
            throw e;
        }
    }

    private void poll() {
        BatchAccumulator accumulator = stages.accumulator();
        long untilDue = accumulator.nanosUntilDue(System.nanoTime());
        Duration timeout = untilDue > IDLE_POLL.toNanos() ? IDLE_POLL : Duration.ofNanos(untilDue);
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            accumulator.add(stages.decoder().decode(SourceRecord.of(record)), System.nanoTime());
        }
        metrics.consumerLag(lag());
    }

    /** Scores a batch and publishes its scores, dead letters and offsets in one transaction. */
    private void process(List<Incoming> batch) {
        inFlight = batch;
        List<GraphInput> graphs = new ArrayList<>();
        for (Incoming item : batch) {
            if (item instanceof GraphInput graph) {
                graphs.add(graph);
            }
        }
        List<ScoringOutcome> outcomes = stages.scorer().score(scorer, graphs);
        BatchPublication publication = BatchPublication.of(batch, outcomes, stages.output(), clock.instant());
        commit(publication);
        inFlight = List.of();
        metrics.committed(publication.scores(), publication.deadLetters());
        publication.latencies().forEach(metrics::publishToScore);
    }

    private void commit(BatchPublication publication) {
        producer.beginTransaction();
        inTransaction = true;
        for (ProducerRecord<byte[], byte[]> record : publication.records()) {
            // A failed send puts the producer in an abortable state: commitTransaction throws it.
            producer.send(record);
        }
        producer.sendOffsetsToTransaction(publication.offsets(), consumer.groupMetadata());
        producer.commitTransaction();
        inTransaction = false;
    }

    private void recover(RuntimeException failure) {
        status.error(failure);
        LOG.warn("scoring step failed ({}); aborting, rewinding to the committed offsets and retrying", failure.toString(),
                failure);
        if (inTransaction) {
            abort();
        }
        if (producer != null && isFatalForProducer(failure)) {
            replaceProducer();
        }
        needsRewind = true;
        backoff.pause();
    }

    private void abort() {
        inTransaction = false;
        try {
            producer.abortTransaction();
            metrics.aborted();
        } catch (ProducerFencedException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("aborting the transaction failed ({}); replacing the producer, whose successor aborts it", e.toString());
            replaceProducer();
        }
    }

    /** Errors after which a transactional producer cannot be used again (KafkaProducer's javadoc). */
    private static boolean isFatalForProducer(RuntimeException e) {
        return e instanceof OutOfOrderSequenceException || e instanceof AuthorizationException
                || e instanceof AuthenticationException || e instanceof UnsupportedVersionException
                || e instanceof IllegalStateException;
    }

    private void replaceProducer() {
        // initTransactions of the next producer with this transactional.id aborts whatever this one left open.
        closeQuietly(producer, Duration.ZERO);
        producer = null;
    }

    /** Forgets every record read but not committed and rewinds the consumer to read them again. */
    private void rewind() {
        uncommitted.addAll(inFlight);
        inFlight = List.of();
        uncommitted.addAll(stages.accumulator().drain());
        Rewind.toCommitted(consumer, uncommitted);
        LOG.info("rewound {} to the committed offsets; {} records will be read again", consumer.assignment(),
                uncommitted.size());
        uncommitted.clear();
    }

    private void takeOfferedModel() {
        model.handoff().take().ifPresent(next -> {
            Scorer previous = scorer;
            scorer = next;
            previous.close();
            status.modelVersion(next.modelVersion());
            metrics.modelChanged(model.modelId(), next.modelVersion());
            LOG.info("scoring with model {}@{} from now on (was {})", model.modelId(), next.modelVersion(),
                    previous.modelVersion());
        });
    }

    private long lag() {
        long lag = 0;
        for (TopicPartition partition : consumer.assignment()) {
            lag += consumer.currentLag(partition).orElse(0);
        }
        return lag;
    }

    private void shutdown() {
        if (inTransaction && producer != null) {
            try {
                producer.abortTransaction();
            } catch (KafkaException e) {
                LOG.warn("aborting the open transaction on shutdown failed ({}); the next instance with "
                        + "transactional.id '{}' aborts it", e.toString(), clients.transactionalId());
            }
        }
        closeQuietly(producer, CLIENT_CLOSE_TIMEOUT);
        try {
            consumer.close(CloseOptions.timeout(CLIENT_CLOSE_TIMEOUT));
        } catch (RuntimeException e) {
            LOG.warn("closing the consumer failed", e);
        }
        scorer.close();
        LOG.info("scoring loop stopped");
    }

    private static void closeQuietly(Producer<byte[], byte[]> producer, Duration timeout) {
        if (producer == null) {
            return;
        }
        try {
            producer.close(timeout);
        } catch (RuntimeException e) {
            LOG.warn("closing the producer failed", e);
        }
    }

    /** Records read from partitions this instance loses are dropped: their new owner reads them again. */
    private final class DropRevokedWork implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            drop(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.info("assigned {}", partitions);
        }

        private void drop(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                stages.accumulator().removeIf(item -> partitions.contains(item.source().topicPartition()));
                LOG.info("revoked {}; dropped their records not yet committed", partitions);
            }
        }
    }
}
