package io.gmnstream.streamjobs.graph;

import io.gmnstream.schemas.avro.DeadLetterReason;

/** A checkpoint that cannot become a graph for a reason outside the weights themselves. */
public final class UnusableCheckpointException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final DeadLetterReason reason;

  public UnusableCheckpointException(DeadLetterReason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** The dead-letter reason a pipeline records for this checkpoint. */
  public DeadLetterReason reason() {
    return reason;
  }
}
