package io.gmnstream.streamjobs.builder.internal;

import java.nio.charset.StandardCharsets;

/**
 * A Kafka record exactly as read: nothing is decoded in the source, so a corrupt record can never
 * fail it. A Flink POJO (public fields, no-arg constructor) so it travels and sits in state without Kryo.
 */
public class RawRecord {
  public String topic;
  public int partition;
  public long offset;
  public long timestamp;
  /** Null when the record had no key. */
  public byte[] key;
  /** Null for a tombstone. */
  public byte[] value;

  public RawRecord() {}

  public RawRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.timestamp = timestamp;
    this.key = key;
    this.value = value;
  }

  /** The key as a run id, or null when there is none. */
  public String keyString() {
    return key == null ? null : new String(key, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return topic + "-" + partition + "@" + offset;
  }
}
