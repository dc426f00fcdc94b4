package io.gmnstream.streamjobs.hooks.internal;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Where an alert record came from, with its original bytes: what its dead letter must keep.
 * Arrays are shared, not copied: nobody writes to them.
 *
 * @param key the record's key bytes (the run id), or null
 * @param value the record's value bytes as read (wire format), or null for a tombstone
 */
public record AlertSource(String topic, int partition, long offset, byte[] key, byte[] value) {

  public static AlertSource of(ConsumerRecord<byte[], byte[]> record) {
    return new AlertSource(record.topic(), record.partition(), record.offset(), record.key(),
        record.value());
  }

  public TopicPartition topicPartition() {
    return new TopicPartition(topic, partition);
  }

  @Override
  public String toString() {
    return topic + "-" + partition + "@" + offset;
  }
}
