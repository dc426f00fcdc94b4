package io.gmnstream.streamjobs.hooks.internal;

/**
 * A record whose deliveries are under way. Each delivery calls {@link #finishOne()} once, when it
 * is delivered or durably dead-lettered. It refers to its partition's progress object rather than
 * the partition: after a rebalance a stale delivery finishing cannot touch a new owner's counts.
 */
public record PendingRecord(PartitionProgress progress, long offset) {

  public void finishOne() {
    progress.finishOne(offset);
  }
}
