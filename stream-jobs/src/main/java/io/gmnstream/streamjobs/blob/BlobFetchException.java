package io.gmnstream.streamjobs.blob;

import io.gmnstream.schemas.avro.DeadLetterReason;
import java.util.Objects;

/** A referenced blob that cannot be used: refused by policy, missing, too large, or not what was declared. */
public final class BlobFetchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final DeadLetterReason reason;

  public BlobFetchException(DeadLetterReason reason, String message) {
    this(reason, message, null);
  }

  public BlobFetchException(DeadLetterReason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The dead-letter reason of the checkpoint that referred to the blob. */
  public DeadLetterReason reason() {
    return reason;
  }
}
