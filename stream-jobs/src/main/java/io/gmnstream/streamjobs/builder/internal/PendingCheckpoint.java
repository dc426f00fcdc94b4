package io.gmnstream.streamjobs.builder.internal;

/** A checkpoint waiting in keyed state for its run's manifest, with when it gives up. A Flink POJO. */
public class PendingCheckpoint {
  public RawRecord record;
  /** Processing time (epoch ms) at which it is dead-lettered if the manifest has not come. */
  public long deadlineMillis;

  public PendingCheckpoint() {}

  public PendingCheckpoint(RawRecord record, long deadlineMillis) {
    this.record = record;
    this.deadlineMillis = deadlineMillis;
  }
}
