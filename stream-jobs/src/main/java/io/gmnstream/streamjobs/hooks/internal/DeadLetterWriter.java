package io.gmnstream.streamjobs.hooks.internal;

import io.gmnstream.schemas.DeadLetterRecords;
import io.gmnstream.schemas.avro.DeadLetter;
import io.gmnstream.schemas.avro.DeadLetterReason;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes the dead letter of an alert record: its original key and value bytes, where it was read,
 * why, and when. The future completes once the broker has it (acks=all), which is when the
 * record's offset may be committed.
 */
public final class DeadLetterWriter {

  /** The component every dead letter of the hooks names. */
  public static final String COMPONENT = "alert-hooks";

  private final Producer<byte[], byte[]> producer;
  private final Serializer<DeadLetter> serializer;
  private final String topic;
  private final Clock clock;

  /** The producer and serializer stay the caller's to close. */
  public DeadLetterWriter(Producer<byte[], byte[]> producer, Serializer<DeadLetter> serializer,
      String topic, Clock clock) {
    this.producer = producer;
    this.serializer = serializer;
    this.topic = topic;
    this.clock = clock;
  }

  public CompletableFuture<Void> write(AlertSource source, DeadLetterReason reason, String detail) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    try {
      byte[] value = serializer.serialize(topic, letter(source, reason, detail));
      producer.send(new ProducerRecord<>(topic, source.key(), value), (metadata, error) -> {
        if (error == null) {
          written.complete(null);
        } else {
          written.completeExceptionally(error);
        }
      });
    } catch (RuntimeException e) {
      // Registry unreachable, producer closed, record too large: the caller decides what stops.
      written.completeExceptionally(e);
    }
    return written;
  }

  DeadLetter letter(AlertSource source, DeadLetterReason reason, String detail) {
    return DeadLetterRecords.of(source.topic(), source.partition(), source.offset(), source.key(), source.value(),
        reason, detail, COMPONENT, clock.instant());
  }
}
