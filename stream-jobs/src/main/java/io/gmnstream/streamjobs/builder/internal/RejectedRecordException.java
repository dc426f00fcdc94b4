package io.gmnstream.streamjobs.builder.internal;

import io.gmnstream.schemas.avro.DeadLetterReason;

/** The job's own refusal of a record (wrong key, duplicate step, no manifest, ...), with its reason. */
public final class RejectedRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final DeadLetterReason reason;

  public RejectedRecordException(DeadLetterReason reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  public DeadLetterReason reason() {
    return reason;
  }
}
