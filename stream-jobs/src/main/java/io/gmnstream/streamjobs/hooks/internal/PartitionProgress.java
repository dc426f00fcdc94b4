package io.gmnstream.streamjobs.hooks.internal;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Which records of one partition still have unfinished deliveries, and so how far its offset may
 * be committed: up to (not including) the lowest such record, or past the last record read when
 * none is left. Thread-safe: the consumer registers, endpoint workers and producer callbacks
 * finish.
 */
public final class PartitionProgress {

  /** Offset of a record -> its deliveries not finished yet. */
  private final TreeMap<Long, Integer> unfinished = new TreeMap<>();
  private long nextOffset = -1;

  /**
   * Records that the record at {@code offset} was read and fans out to {@code deliveries}
   * deliveries (0: nothing to wait for). Offsets must be registered in increasing order.
   */
  public synchronized PendingRecord register(long offset, int deliveries) {
    if (offset < nextOffset) {
      throw new IllegalStateException("offset " + offset + " registered after " + (nextOffset - 1)
          + ": records of a partition must be registered in order");
    }
    nextOffset = offset + 1;
    if (deliveries > 0) {
      unfinished.put(offset, deliveries);
    }
    return new PendingRecord(this, offset);
  }

  /** The offset to commit (the next one to read), or empty before any record was read. */
  public synchronized OptionalLong committableOffset() {
    if (nextOffset < 0) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(unfinished.isEmpty() ? nextOffset : unfinished.firstKey());
  }

  /** Deliveries of registered records not finished yet. */
  public synchronized int unfinishedDeliveries() {
    return unfinished.values().stream().mapToInt(Integer::intValue).sum();
  }

  synchronized void finishOne(long offset) {
    Integer left = unfinished.get(offset);
    if (left == null) {
      throw new IllegalStateException("offset " + offset + " has no unfinished delivery: "
          + "a delivery was finished twice");
    }
    if (left == 1) {
      unfinished.remove(offset);
    } else {
      unfinished.put(offset, left - 1);
    }
  }

  @Override
  public synchronized String toString() {
    return "PartitionProgress[next=" + nextOffset + ", unfinished=" + Map.copyOf(unfinished) + "]";
  }
}
