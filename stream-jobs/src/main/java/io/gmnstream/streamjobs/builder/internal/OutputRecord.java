package io.gmnstream.streamjobs.builder.internal;

/** An encoded record for the sink: its topic and the bytes to write. A Flink POJO. */
public class OutputRecord {
  public String topic;
  /** Null when the input had no key. */
  public byte[] key;
  public byte[] value;

  public OutputRecord() {}

  public OutputRecord(String topic, byte[] key, byte[] value) {
    this.topic = topic;
    this.key = key;
    this.value = value;
  }
}
