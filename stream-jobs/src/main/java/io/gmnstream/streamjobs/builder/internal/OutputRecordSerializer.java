package io.gmnstream.streamjobs.builder.internal;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes already-encoded records to the topic each one names. */
public final class OutputRecordSerializer implements KafkaRecordSerializationSchema<OutputRecord> {
  private static final long serialVersionUID = 1L;

  @Override
  public ProducerRecord<byte[], byte[]> serialize(OutputRecord record, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(record.topic, null, timestamp, record.key, record.value);
  }
}
