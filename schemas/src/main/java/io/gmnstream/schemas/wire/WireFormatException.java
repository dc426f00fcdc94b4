package io.gmnstream.schemas.wire;

import io.gmnstream.schemas.avro.DeadLetterReason;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record's bytes cannot be decoded, and never will be: the pipeline dead-letters it with
 * {@link #reason()} rather than retrying. (Registry outages are not this: they surface as
 * {@link io.gmnstream.schemas.registry.SchemaRegistryException}, which is worth retrying.)
 */
public abstract class WireFormatException extends SerializationException {

  private final DeadLetterReason reason;

  protected WireFormatException(DeadLetterReason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Machine-readable reason, as written to {@code gmn.dead-letters}. */
  public DeadLetterReason reason() {
    return reason;
  }
}
