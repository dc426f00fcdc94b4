package io.gmnstream.pipeline.replay;

import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.DeadLetterReason;
import io.gmnstream.schemas.avro.RunManifest;
import java.util.Objects;

/**
 * One record a training job should not have sent, and the dead-letter reason the pipeline must
 * give it. Either raw bytes on a topic, or a well-formed manifest and checkpoint whose content is
 * wrong.
 */
public sealed interface BadInput {

  /** A short name for reports, e.g. {@code corrupt-avro}. */
  String kind();

  DeadLetterReason expectedReason();

  /** Bytes sent as they are. */
  record Raw(String kind, String topic, String key, byte[] value, DeadLetterReason expectedReason)
      implements BadInput {
    public Raw {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A run of its own whose checkpoint cannot become a graph. */
  record BadCheckpoint(String kind, RunManifest manifest, Checkpoint checkpoint, DeadLetterReason expectedReason)
      implements BadInput {}
}
