package io.gmnstream.streamjobs.hooks.internal;

import io.gmnstream.schemas.avro.DeadLetterReason;
import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.schemas.wire.WireFormatException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes alert records, telling apart records that can never be decoded (dead-letter them) from
 * a registry outage, which propagates as a
 * {@link io.gmnstream.schemas.registry.SchemaRegistryException} so the record is read again.
 */
public final class AlertDecoder {

  /** A decoded record: an alert, or why it will never be one. */
  public sealed interface Decoded {}

  public record Alert(RunAlert alert) implements Decoded {}

  public record Undecodable(DeadLetterReason reason, String detail) implements Decoded {}

  private final Deserializer<RunAlert> deserializer;

  /** The deserializer stays the caller's to close. */
  public AlertDecoder(Deserializer<RunAlert> deserializer) {
    this.deserializer = deserializer;
  }

  public Decoded decode(AlertSource source) {
    if (source.value() == null) {
      return new Undecodable(DeadLetterReason.CORRUPT_RECORD, "record has no value (a tombstone): "
          + source.topic() + " carries RunAlert values only; fix the producer that wrote it");
    }
    try {
      return new Alert(deserializer.deserialize(source.topic(), source.value()));
    } catch (WireFormatException e) {
      return new Undecodable(e.reason(), "cannot decode a RunAlert: " + e.getMessage());
    }
  }
}
