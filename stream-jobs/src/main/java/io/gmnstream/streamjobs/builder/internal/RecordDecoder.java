package io.gmnstream.streamjobs.builder.internal;

import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.DeadLetterReason;
import io.gmnstream.schemas.avro.RunManifest;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import io.gmnstream.schemas.serde.AvroDeserializer;

/**
 * Decodes manifests and checkpoints from their wire bytes and checks they belong to the run their key
 * names. Undecodable bytes throw the serde's WireFormatException (with its dead-letter reason).
 */
final class RecordDecoder {

  private final AvroDeserializer<RunManifest> manifests;
  private final AvroDeserializer<Checkpoint> checkpoints;

  RecordDecoder(SchemaRegistryClient registry) {
    this.manifests = new AvroDeserializer<>(RunManifest.class, registry);
    this.checkpoints = new AvroDeserializer<>(Checkpoint.class, registry);
  }

  RunManifest manifest(String runId, byte[] value) {
    RunManifest manifest = manifests.deserialize(Topics.RUNS.name(), value);
    requireSameRun(runId, manifest.getRunId(), "RunManifest");
    return manifest;
  }

  Checkpoint checkpoint(String runId, byte[] value) {
    Checkpoint checkpoint = checkpoints.deserialize(Topics.CHECKPOINTS.name(), value);
    requireSameRun(runId, checkpoint.getRunId(), "Checkpoint");
    return checkpoint;
  }

  private static void requireSameRun(String key, String runId, String type) {
    if (!key.equals(runId)) {
      throw new RejectedRecordException(DeadLetterReason.CORRUPT_RECORD, type + " of run '" + runId
          + "' was published with key '" + key + "': key every record by its run id");
    }
  }
}
