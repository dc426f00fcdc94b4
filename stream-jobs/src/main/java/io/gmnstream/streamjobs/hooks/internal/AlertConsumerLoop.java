package io.gmnstream.streamjobs.hooks.internal;

import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.schemas.registry.SchemaRegistryException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the alerts topic and hands every alert to the endpoints that want it; commits each
 * partition's offset only below its first record with a delivery still under way, so nothing is
 * lost on a restart (at-least-once: receivers de-duplicate on the delivery id).
 *
 * <p>A record that cannot be decoded is dead-lettered. A record that cannot be handed over now
 * (an endpoint queue is full, the registry is unreachable) is read again: the consumer seeks back
 * to it, and for a full queue pauses the partition until the endpoint has room. Runs on one
 * thread, which owns (and closes) the consumer.
 */
public final class AlertConsumerLoop implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertConsumerLoop.class);
  /** Also how often finished deliveries are committed when no records arrive. */
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

  private final Consumer<byte[], byte[]> consumer;
  private final String topic;
  private final AlertDecoder decoder;
  private final WebhookDispatcher dispatcher;
  private final DeliveryCompletion completion;
  private final HooksMetrics metrics;
  private final ServiceFailure failure;
  private final CommitTracker tracker = new CommitTracker();
  private final Backpressure backpressure = new Backpressure();
  private final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
  private volatile boolean stopping;

  public AlertConsumerLoop(Consumer<byte[], byte[]> consumer, String topic, AlertDecoder decoder,
      WebhookDispatcher dispatcher, DeliveryCompletion completion, HooksMetrics metrics,
      ServiceFailure failure) {
    this.consumer = consumer;
    this.topic = topic;
    this.decoder = decoder;
    this.dispatcher = dispatcher;
    this.completion = completion;
    this.metrics = metrics;
    this.failure = failure;
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(topic), new Rebalances());
      while (!stopping) {
        failure.throwIfReported();
        consumer.resume(backpressure.resumable());
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
        for (TopicPartition partition : records.partitions()) {
          handOver(partition, records.records(partition));
        }
        commitFinished();
      }
    } catch (WakeupException e) {
      if (!stopping) {
        failure.report(e);
      }
      // else: stop() woke the poll, as intended.
    } catch (RuntimeException e) {
      LOG.error("Alert hooks stopped consuming {}", topic, e);
      failure.report(e);
    } finally {
      commitOnExit();
      consumer.close();
    }
  }

  /** Makes {@link #run()} return soon: commits what is finished and closes the consumer. */
  public void stop() {
    stopping = true;
    consumer.wakeup();
  }

  private void handOver(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
    PartitionProgress progress = tracker.partition(partition);
    for (ConsumerRecord<byte[], byte[]> record : records) {
      if (!handOver(partition, progress, AlertSource.of(record))) {
        // Later records of the partition wait too, so that offsets are handed over in order.
        consumer.seek(partition, record.offset());
        return;
      }
    }
  }

  /** Whether the record was handed over (or dead-lettered); false: read it again later. */
  private boolean handOver(TopicPartition partition, PartitionProgress progress,
      AlertSource source) {
    AlertDecoder.Decoded decoded;
    try {
      decoded = decoder.decode(source);
    } catch (SchemaRegistryException e) {
      // Not the record's fault: the registry client has retried with backoff already; read again.
      LOG.warn("Cannot decode {}: schema registry unavailable ({}); will read it again", source,
          e.getMessage());
      return false;
    }
    if (decoded instanceof AlertDecoder.Undecodable undecodable) {
      LOG.warn("Dead-lettering undecodable {} ({}): {}", source, undecodable.reason(),
          undecodable.detail());
      metrics.undecodable(undecodable.reason());
      completion.deadLetterThenFinish(source, undecodable.reason(), undecodable.detail(),
          progress.register(source.offset(), 1));
      return true;
    }
    RunAlert alert = ((AlertDecoder.Alert) decoded).alert();
    List<EndpointWorker> targets = dispatcher.targetsOf(alert);
    List<EndpointWorker> full = targets.stream().filter(w -> !w.hasRoom()).toList();
    if (!full.isEmpty()) {
      consumer.pause(List.of(partition));
      backpressure.pause(partition, full);
      full.forEach(w -> metrics.paused(w.endpoint().name()));
      LOG.info("Pausing {}: queue full at webhook(s) {}", partition,
          full.stream().map(w -> w.endpoint().name()).toList());
      return false;
    }
    dispatcher.dispatch(source, alert, targets, progress.register(source.offset(), targets.size()));
    return true;
  }

  private void commitFinished() {
    Map<TopicPartition, OffsetAndMetadata> advanced = new HashMap<>();
    tracker.committable().forEach((partition, offset) -> {
      if (!offset.equals(committed.get(partition))) {
        advanced.put(partition, offset);
      }
    });
    if (advanced.isEmpty()) {
      return;
    }
    committed.putAll(advanced);
    consumer.commitAsync(advanced, (offsets, error) -> {
      if (error != null) {
        // Forget them so the next round commits again (callbacks run on this thread, in poll).
        LOG.warn("Committing {} failed; will retry: {}", offsets, error.toString());
        offsets.keySet().forEach(committed::remove);
      }
    });
  }

  private void commitOnExit() {
    Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable();
    if (offsets.isEmpty()) {
      return;
    }
    try {
      commitSync(offsets);
    } catch (KafkaException e) {
      LOG.warn("Could not commit {} on shutdown; a restart delivers those alerts again: {}",
          offsets, e.toString());
    }
  }

  private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
    try {
      consumer.commitSync(offsets, COMMIT_TIMEOUT);
    } catch (WakeupException e) {
      // stop() may have woken the consumer after the last poll; the flag is now cleared.
      consumer.commitSync(offsets, COMMIT_TIMEOUT);
    }
  }

  /** Commits what is finished before giving partitions away, and stops tracking them. */
  private final class Rebalances implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(tracker.committable());
      offsets.keySet().retainAll(partitions);
      if (!offsets.isEmpty()) {
        try {
          commitSync(offsets);
        } catch (KafkaException e) {
          LOG.warn("Could not commit {} before a rebalance; their new owner delivers those alerts "
              + "again: {}", offsets, e.toString());
        }
      }
      forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      // Progress starts with the first record read from each partition.
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      forget(partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
      tracker.forget(partitions);
      backpressure.forget(partitions);
      partitions.forEach(committed::remove);
    }
  }
}
