package io.gmnstream.streamjobs.builder.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.paramgraph.InvalidSpecException;
import io.gmnstream.paramgraph.MalformedInputException;
import io.gmnstream.paramgraph.MissingTensorException;
import io.gmnstream.paramgraph.ShapeMismatchException;
import io.gmnstream.paramgraph.SizeLimitException;
import io.gmnstream.paramgraph.UnsupportedOperatorException;
import io.gmnstream.schemas.avro.DeadLetterReason;
import io.gmnstream.schemas.wire.BadMagicByteException;
import io.gmnstream.schemas.wire.CorruptPayloadException;
import io.gmnstream.schemas.wire.IncompatibleSchemaException;
import io.gmnstream.schemas.wire.RecordTooShortException;
import io.gmnstream.schemas.wire.UnknownSchemaIdException;
import io.gmnstream.streamjobs.blob.BlobFetchException;
import io.gmnstream.streamjobs.builder.internal.FailureClassifier.Rejection;
import io.gmnstream.streamjobs.graph.UnusableCheckpointException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailureClassifierTest {

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(new BadMagicByteException((byte) 7), DeadLetterReason.BAD_MAGIC_BYTE),
        Arguments.of(new UnknownSchemaIdException(99, "gmn.checkpoints", null), DeadLetterReason.UNKNOWN_SCHEMA_ID),
        Arguments.of(new CorruptPayloadException(1, "gmn.checkpoints", "EOF", null), DeadLetterReason.CORRUPT_RECORD),
        Arguments.of(new RecordTooShortException(3), DeadLetterReason.CORRUPT_RECORD),
        Arguments.of(new IncompatibleSchemaException(1, "gmn.checkpoints", "Checkpoint", "name mismatch"),
            DeadLetterReason.CORRUPT_RECORD),
        Arguments.of(new UnsupportedOperatorException("l", "lstm", "known ops: ..."), DeadLetterReason.UNSUPPORTED_OPERATOR),
        Arguments.of(new ShapeMismatchException("fc", "fc.weight", new long[] {2, 3}, new long[] {3, 2}),
            DeadLetterReason.SHAPE_MISMATCH),
        Arguments.of(new MissingTensorException("fc.weight"), DeadLetterReason.SHAPE_MISMATCH),
        Arguments.of(new SizeLimitException("parameters", 10, 5), DeadLetterReason.TOO_LARGE),
        Arguments.of(new MalformedInputException(12, "truncated"), DeadLetterReason.CORRUPT_RECORD),
        Arguments.of(new InvalidSpecException("fc", "inFeatures", "must be > 0"), DeadLetterReason.CORRUPT_RECORD),
        Arguments.of(new BlobFetchException(DeadLetterReason.URI_NOT_ALLOWED, "refused"), DeadLetterReason.URI_NOT_ALLOWED),
        Arguments.of(new UnusableCheckpointException(DeadLetterReason.MISSING_MANIFEST, "x"),
            DeadLetterReason.MISSING_MANIFEST),
        Arguments.of(new RejectedRecordException(DeadLetterReason.DUPLICATE, "step 3 again"), DeadLetterReason.DUPLICATE),
        Arguments.of(new IllegalStateException("boom"), DeadLetterReason.OTHER));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void shouldMapEachFailureToItsDeadLetterReasonKeepingItsMessage(Exception failure, DeadLetterReason reason) {
    Rejection rejection = FailureClassifier.classify(failure);

    assertThat(rejection.reason()).isEqualTo(reason);
    assertThat(rejection.detail()).contains(failure.getMessage());
  }

  @Test
  void shouldNameUnexpectedExceptionsAndWhereTheyHappened() {
    Rejection rejection = FailureClassifier.classify(new IllegalStateException("boom"));

    assertThat(rejection.reason()).isEqualTo(DeadLetterReason.OTHER);
    assertThat(rejection.detail())
        .startsWith("unexpected failure while building the graph: java.lang.IllegalStateException: boom at ")
        .contains("FailureClassifierTest")
        .endsWith("report it with this record");
  }
}
