package io.gmnstream.operator.service.intake;

import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Where an input record came from and its bytes exactly as read: what a dead letter must keep so the
 * record can be inspected and replayed.
 *
 * @param key   the original key bytes, or null
 * @param value the original value bytes (wire format included), or null
 */
public record SourceRecord(String topic, int partition, long offset, byte[] key, byte[] value) {

    public SourceRecord {
        Objects.requireNonNull(topic, "topic");
    }

    public static SourceRecord of(ConsumerRecord<byte[], byte[]> record) {
        return new SourceRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value());
    }

    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
