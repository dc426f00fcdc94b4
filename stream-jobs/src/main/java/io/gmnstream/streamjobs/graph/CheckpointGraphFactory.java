package io.gmnstream.streamjobs.graph;

import io.gmnstream.paramgraph.GraphBuilder;
import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.onnx.ImportedModel;
import io.gmnstream.paramgraph.onnx.OnnxImporter;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.spec.NetworkSpecJson;
import io.gmnstream.paramgraph.tensor.SafetensorsReader;
import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.DeadLetterReason;
import io.gmnstream.schemas.avro.InlineWeights;
import io.gmnstream.schemas.avro.NativeLayerSpec;
import io.gmnstream.schemas.avro.OnnxModel;
import io.gmnstream.schemas.avro.RunManifest;
import io.gmnstream.schemas.avro.WeightsReference;
import java.nio.ByteBuffer;

/**
 * Turns a checkpoint whose weights are inline into its parameter graph, taking the architecture from
 * the run's manifest when the weights alone do not carry it (safetensors). Referenced weights must be
 * fetched (and verified) by the caller first.
 */
public final class CheckpointGraphFactory {

  private final GraphLimits limits;
  private final GraphBuilder builder;
  private final OnnxImporter onnx;

  public CheckpointGraphFactory(GraphLimits limits) {
    this.limits = limits;
    this.builder = new GraphBuilder(limits);
    this.onnx = new OnnxImporter(limits);
  }

  public ParamGraph build(RunManifest manifest, Checkpoint checkpoint) {
    if (!manifest.getRunId().equals(checkpoint.getRunId())) {
      throw new UnusableCheckpointException(DeadLetterReason.MISSING_MANIFEST, String.format(
          "checkpoint of run %s was paired with the manifest of run %s",
          checkpoint.getRunId(), manifest.getRunId()));
    }
    if (checkpoint.getWeights() instanceof WeightsReference reference) {
      throw new UnusableCheckpointException(DeadLetterReason.BLOB_MISSING,
          "checkpoint step " + checkpoint.getStep() + " refers to " + reference.getUri()
              + ": fetch referenced weights before building the graph");
    }
    InlineWeights weights = (InlineWeights) checkpoint.getWeights();
    byte[] data = bytes(weights.getData());
    return switch (weights.getFormat()) {
      case ONNX -> {
        ImportedModel model = onnx.importModel(data);
        yield builder.build(model.spec(), model.tensors());
      }
      case SAFETENSORS -> builder.build(architecture(manifest), new SafetensorsReader(limits).read(data));
      default -> throw new UnusableCheckpointException(DeadLetterReason.CORRUPT_RECORD,
          "checkpoint step " + checkpoint.getStep() + " has weights in an unknown format: " + weights.getFormat());
    };
  }

  /** The layer spec of a run: given natively, or lowered from its ONNX architecture. */
  private NetworkSpec architecture(RunManifest manifest) {
    Object architecture = manifest.getArchitecture();
    if (architecture instanceof NativeLayerSpec nativeSpec) {
      return NetworkSpecJson.parse(nativeSpec.getSpecJson());
    }
    if (architecture instanceof OnnxModel onnxModel) {
      return onnx.importModel(bytes(onnxModel.getModel())).spec();
    }
    throw new IllegalStateException("RunManifest.architecture holds an unexpected type: " + architecture);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer view = buffer.duplicate();
    byte[] out = new byte[view.remaining()];
    view.get(out);
    return out;
  }
}
