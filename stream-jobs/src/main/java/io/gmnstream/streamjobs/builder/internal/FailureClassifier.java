package io.gmnstream.streamjobs.builder.internal;

import io.gmnstream.paramgraph.GraphException;
import io.gmnstream.schemas.avro.DeadLetterReason;
import io.gmnstream.schemas.wire.IncompatibleSchemaException;
import io.gmnstream.schemas.wire.WireFormatException;
import io.gmnstream.streamjobs.blob.BlobFetchException;
import io.gmnstream.streamjobs.graph.UnusableCheckpointException;

/** Maps why a record could not be used to a dead-letter reason and a detail that says what to fix. */
public final class FailureClassifier {

  /** A dead-letter reason with its human-readable detail. */
  public record Rejection(DeadLetterReason reason, String detail) {}

  private FailureClassifier() {}

  public static Rejection classify(Throwable failure) {
    if (failure instanceof RejectedRecordException e) {
      return new Rejection(e.reason(), e.getMessage());
    }
    if (failure instanceof BlobFetchException e) {
      return new Rejection(e.reason(), e.getMessage());
    }
    if (failure instanceof UnusableCheckpointException e) {
      return new Rejection(e.reason(), e.getMessage());
    }
    if (failure instanceof IncompatibleSchemaException e) {
      // The writer's schema cannot be read as this topic's type: a record of another type on the topic.
      return new Rejection(DeadLetterReason.CORRUPT_RECORD, e.getMessage()
          + " (is this a record of another type, published to the wrong topic?)");
    }
    if (failure instanceof WireFormatException e) {
      return new Rejection(e.reason(), e.getMessage());
    }
    if (failure instanceof GraphException e) {
      return graphFailure(e);
    }
    return new Rejection(DeadLetterReason.OTHER, "unexpected failure while building the graph: " + failure
        + at(failure) + "; this is a graph-builder bug or an input it does not anticipate: report it with this record");
  }

  private static Rejection graphFailure(GraphException e) {
    return switch (e.reason()) {
      case MALFORMED_INPUT -> new Rejection(DeadLetterReason.CORRUPT_RECORD, "malformed weights: " + e.getMessage());
      case UNSUPPORTED_OPERATOR -> new Rejection(DeadLetterReason.UNSUPPORTED_OPERATOR, e.getMessage());
      case SHAPE_MISMATCH -> new Rejection(DeadLetterReason.SHAPE_MISMATCH, e.getMessage());
      case MISSING_TENSOR -> new Rejection(DeadLetterReason.SHAPE_MISMATCH,
          "weights do not match the run's architecture: " + e.getMessage());
      case TOO_LARGE -> new Rejection(DeadLetterReason.TOO_LARGE, e.getMessage());
      // DeadLetterReason has no INVALID_SPEC: the manifest's spec is the corrupt part.
      case INVALID_SPEC -> new Rejection(DeadLetterReason.CORRUPT_RECORD,
          "the run's layer spec is invalid (publish a corrected RunManifest): " + e.getMessage());
    };
  }

  private static String at(Throwable failure) {
    StackTraceElement[] trace = failure.getStackTrace();
    return trace.length == 0 ? "" : " at " + trace[0];
  }
}
