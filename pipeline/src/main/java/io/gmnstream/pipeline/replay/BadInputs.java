package io.gmnstream.pipeline.replay;

import io.gmnstream.paramgraph.tensor.SafetensorsWriter;
import io.gmnstream.paramgraph.tensor.Tensor;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.DeadLetterReason;
import io.gmnstream.schemas.avro.InlineWeights;
import io.gmnstream.schemas.avro.NativeLayerSpec;
import io.gmnstream.schemas.avro.RunManifest;
import io.gmnstream.schemas.avro.WeightFormat;
import io.gmnstream.schemas.avro.WeightsReference;
import io.gmnstream.schemas.checkpoint.WeightsReferences;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import io.gmnstream.schemas.wire.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * One bad record of every kind the pipeline must refuse without losing the good records around it:
 * corrupt Avro, an unknown schema id, a wrong magic byte, a referenced blob that is missing, one
 * whose bytes do not match its sha256, a URI outside the allow-list, an unsupported operator, weights
 * of the wrong shape, and a checkpoint above the size limit.
 */
public final class BadInputs {

  /** An id no registry hands out in a test or demo. */
  static final int UNKNOWN_SCHEMA_ID = 987_654;

  /** Weights above this go by reference (the architecture's default inline limit). */
  static final int INLINE_LIMIT_BYTES = 1 << 20;

  private final SchemaRegistryClient registry;
  private final Path blobDir;

  /**
   * @param registry where the checkpoint schema is registered (for records with a valid header)
   * @param blobDir a folder under the graph builder's allowed prefixes, for the blob kinds
   */
  public BadInputs(SchemaRegistryClient registry, Path blobDir) {
    this.registry = registry;
    this.blobDir = blobDir;
  }

  /**
   * One of each kind, their runs named {@code prefix-<kind>}; {@code maxParameters} is the builder's
   * limit, which the oversize checkpoint exceeds.
   */
  public List<BadInput> oneOfEach(String prefix, long maxParameters) throws IOException {
    List<BadInput> out = new ArrayList<>();
    int checkpointSchema = registry.register(Topics.CHECKPOINTS.valueSubject(), Topics.CHECKPOINTS.valueSchema());
    byte[] garbage = "{\"runId\": \"not avro at all\"}".getBytes(StandardCharsets.UTF_8);
    out.add(new BadInput.Raw("corrupt-avro", Topics.CHECKPOINTS.name(), prefix + "-corrupt-avro",
        WireFormat.frame(checkpointSchema, garbage), DeadLetterReason.CORRUPT_RECORD));
    out.add(new BadInput.Raw("unknown-schema-id", Topics.CHECKPOINTS.name(), prefix + "-unknown-schema-id",
        WireFormat.frame(UNKNOWN_SCHEMA_ID, garbage), DeadLetterReason.UNKNOWN_SCHEMA_ID));
    byte[] wrongMagic = WireFormat.frame(checkpointSchema, garbage);
    wrongMagic[0] = 7;
    out.add(new BadInput.Raw("wrong-magic-byte", Topics.CHECKPOINTS.name(), prefix + "-wrong-magic-byte",
        wrongMagic, DeadLetterReason.BAD_MAGIC_BYTE));

    RecordedRun template = SyntheticRuns.smallCnns(prefix, 1, 1, 99).get(0);
    byte[] weights = inlineBytes(template.checkpoints().get(0));
    Path stored = Files.createDirectories(blobDir).resolve(prefix + "-stored.safetensors");
    Files.write(stored, weights);
    out.add(referenced("missing-blob", prefix, template,
        WeightsReferences.of(WeightFormat.SAFETENSORS,
            blobDir.resolve(prefix + "-never-written.safetensors").toUri().toString(), weights),
        DeadLetterReason.BLOB_MISSING));
    out.add(referenced("blob-mismatch", prefix, template,
        WeightsReference.newBuilder(WeightsReferences.of(WeightFormat.SAFETENSORS, stored.toUri().toString(), weights))
            .setSha256("0".repeat(64)).build(), DeadLetterReason.BLOB_MISMATCH));
    out.add(referenced("uri-not-allowed", prefix, template,
        WeightsReferences.of(WeightFormat.SAFETENSORS, "file:///etc/passwd", weights),
        DeadLetterReason.URI_NOT_ALLOWED));

    RunManifest lstm = withSpec(template.manifest(), prefix + "-unsupported-operator",
        "{\"format\": \"gmn-layers/1\", \"input\": {\"shape\": [64], \"layout\": \"features\"},"
            + " \"layers\": [{\"name\": \"rnn\", \"op\": \"lstm\", \"hiddenSize\": 32}]}");
    out.add(new BadInput.BadCheckpoint("unsupported-operator", lstm,
        checkpointOf(template.checkpoints().get(0), lstm.getRunId()), DeadLetterReason.UNSUPPORTED_OPERATOR));

    byte[] wrongShape = SafetensorsWriter.write(List.of(
        Tensor.f32("conv1.weight", new long[] {16, 1, 5, 5}, new float[16 * 25]),
        Tensor.f32("conv1.bias", new long[] {16}, new float[16])));
    RecordedRun shape = template.renamed(prefix + "-shape-mismatch");
    out.add(new BadInput.BadCheckpoint("shape-mismatch", shape.manifest(),
        withWeights(shape.checkpoints().get(0), inline(wrongShape)), DeadLetterReason.SHAPE_MISMATCH));

    int width = (int) (maxParameters / 144) + 8;
    RecordedRun huge = SyntheticRuns.cnns(prefix + "-oversize", 1, 1, 7, width).get(0);
    out.add(new BadInput.BadCheckpoint("oversize", huge.manifest(), byReferenceIfLarge(huge.checkpoints().get(0)),
        DeadLetterReason.TOO_LARGE));
    return out;
  }

  /** Large weights travel as a training job would send them: stored as a blob, the record holding a reference. */
  private Checkpoint byReferenceIfLarge(Checkpoint checkpoint) throws IOException {
    byte[] weights = inlineBytes(checkpoint);
    if (weights.length <= INLINE_LIMIT_BYTES) {
      return checkpoint;
    }
    Path blob = blobDir.resolve(checkpoint.getRunId() + "-" + checkpoint.getStep() + ".safetensors");
    Files.write(blob, weights);
    return withWeights(checkpoint, WeightsReferences.of(WeightFormat.SAFETENSORS, blob.toUri().toString(), weights));
  }

  /** Publishes a bad input; for a bad checkpoint, its manifest first. */
  public static List<Future<RecordMetadata>> publish(CheckpointPublisher publisher, BadInput input) {
    if (input instanceof BadInput.Raw raw) {
      return List.of(publisher.publishRaw(raw.topic(), raw.key(), raw.value()));
    }
    BadInput.BadCheckpoint bad = (BadInput.BadCheckpoint) input;
    return List.of(publisher.publishManifest(bad.manifest()), publisher.publishCheckpoint(bad.checkpoint()));
  }

  private static BadInput referenced(String kind, String prefix, RecordedRun template, WeightsReference reference,
      DeadLetterReason reason) {
    RecordedRun run = template.renamed(prefix + "-" + kind);
    return new BadInput.BadCheckpoint(kind, run.manifest(), withWeights(run.checkpoints().get(0), reference), reason);
  }

  private static InlineWeights inline(byte[] data) {
    return InlineWeights.newBuilder().setFormat(WeightFormat.SAFETENSORS).setData(ByteBuffer.wrap(data)).build();
  }

  private static Checkpoint withWeights(Checkpoint checkpoint, Object weights) {
    return Checkpoint.newBuilder(checkpoint).setWeights(weights).build();
  }

  private static Checkpoint checkpointOf(Checkpoint checkpoint, String runId) {
    return Checkpoint.newBuilder(checkpoint).setRunId(runId).build();
  }

  private static RunManifest withSpec(RunManifest manifest, String runId, String specJson) {
    return RunManifest.newBuilder(manifest).setRunId(runId)
        .setArchitecture(NativeLayerSpec.newBuilder().setSpecJson(specJson).build()).build();
  }

  private static byte[] inlineBytes(Checkpoint checkpoint) {
    ByteBuffer data = ((InlineWeights) checkpoint.getWeights()).getData().duplicate();
    byte[] out = new byte[data.remaining()];
    data.get(out);
    return out;
  }

}
