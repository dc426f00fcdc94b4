package io.gmnstream.streamjobs.hooks.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Progress of every assigned partition, and the offsets that can be committed without losing an
 * alert: at-least-once, so a restart re-reads every record with a delivery still under way.
 */
public final class CommitTracker {

  private final Map<TopicPartition, PartitionProgress> partitions = new ConcurrentHashMap<>();

  /** The progress of a partition, created on first use. */
  public PartitionProgress partition(TopicPartition partition) {
    return partitions.computeIfAbsent(partition, p -> new PartitionProgress());
  }

  /** The offset each partition can be committed to now (partitions with no record read left out). */
  public Map<TopicPartition, OffsetAndMetadata> committable() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    partitions.forEach((partition, progress) -> progress.committableOffset()
        .ifPresent(offset -> offsets.put(partition, new OffsetAndMetadata(offset))));
    return offsets;
  }

  /** Stops tracking partitions this consumer no longer owns. */
  public void forget(Collection<TopicPartition> revoked) {
    revoked.forEach(partitions::remove);
  }
}
