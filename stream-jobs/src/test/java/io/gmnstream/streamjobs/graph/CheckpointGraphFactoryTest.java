package io.gmnstream.streamjobs.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.paramgraph.MalformedInputException;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.DeadLetterReason;
import io.gmnstream.schemas.avro.InlineWeights;
import io.gmnstream.schemas.avro.NativeLayerSpec;
import io.gmnstream.schemas.avro.OnnxModel;
import io.gmnstream.schemas.avro.RunManifest;
import io.gmnstream.schemas.avro.WeightFormat;
import io.gmnstream.schemas.avro.WeightsReference;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointGraphFactoryTest {

  static final Path EXAMPLES = Path.of("..", "examples");
  final CheckpointGraphFactory factory = new CheckpointGraphFactory(GraphLimits.defaults());

  @Test
  void shouldBuildSafetensorsWeightsWithTheNativeSpecOfTheManifest() throws Exception {
    ParamGraph graph = factory.build(nativeManifest("run-a"), safetensorsCheckpoint("run-a"));

    assertThat(graph.numParameters()).isEqualTo(4586);
    assertThat(graph.numResidualEdges()).isEqualTo(32);
    assertThat(graph.numEdges()).isEqualTo(4618);
  }

  @Test
  void shouldBuildOnnxWeightsFromTheModelTheyCarry() throws Exception {
    Checkpoint checkpoint = checkpoint("run-a", WeightFormat.ONNX, read("digits-mlp.onnx"));

    ParamGraph graph = factory.build(nativeManifest("run-a"), checkpoint);

    assertThat(graph.numNodes()).isEqualTo(108);
    assertThat(graph.numEdges()).isEqualTo(2410);
  }

  @Test
  void shouldTakeTheArchitectureOfSafetensorsFromAnOnnxManifest() throws Exception {
    // Weights named as the ONNX initializers, architecture from the run's ONNX export.
    byte[] onnx = read("digits-mlp.onnx");
    var model = new io.gmnstream.paramgraph.onnx.OnnxImporter(GraphLimits.defaults()).importModel(onnx);
    byte[] weights = io.gmnstream.paramgraph.tensor.SafetensorsWriter.write(
        model.tensors().names().stream().map(model.tensors()::get).toList());
    RunManifest manifest = manifest("run-a", OnnxModel.newBuilder().setModel(ByteBuffer.wrap(onnx)).build());

    ParamGraph graph = factory.build(manifest, checkpoint("run-a", WeightFormat.SAFETENSORS, weights));

    assertThat(graph.numEdges()).isEqualTo(2410);
  }

  @Test
  void shouldRefuseAManifestOfAnotherRun() throws Exception {
    assertThatThrownBy(() -> factory.build(nativeManifest("run-b"), safetensorsCheckpoint("run-a")))
        .isInstanceOfSatisfying(UnusableCheckpointException.class,
            e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.MISSING_MANIFEST))
        .hasMessageContaining("run-a").hasMessageContaining("run-b");
  }

  @Test
  void shouldAskForReferencedWeightsToBeFetchedFirst() throws Exception {
    Checkpoint checkpoint = Checkpoint.newBuilder(safetensorsCheckpoint("run-a"))
        .setWeights(WeightsReference.newBuilder().setFormat(WeightFormat.SAFETENSORS)
            .setUri("file:///blobs/run-a/100.safetensors").setSha256("00".repeat(32)).setSizeBytes(19128L).build())
        .build();

    assertThatThrownBy(() -> factory.build(nativeManifest("run-a"), checkpoint))
        .isInstanceOfSatisfying(UnusableCheckpointException.class,
            e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.BLOB_MISSING))
        .hasMessageContaining("file:///blobs/run-a/100.safetensors");
  }

  @Test
  void shouldLetTruncatedWeightsFailWithTheirByteOffset() throws Exception {
    byte[] weights = read("residual-mlp.safetensors");
    Checkpoint truncated = checkpoint("run-a", WeightFormat.SAFETENSORS, Arrays.copyOf(weights, weights.length - 100));

    assertThatThrownBy(() -> factory.build(nativeManifest("run-a"), truncated))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("byte");
  }

  private static RunManifest nativeManifest(String runId) throws Exception {
    return manifest(runId,
        NativeLayerSpec.newBuilder().setSpecJson(Files.readString(EXAMPLES.resolve("residual-mlp.json"))).build());
  }

  private static RunManifest manifest(String runId, Object architecture) {
    return RunManifest.newBuilder()
        .setRunId(runId).setTask("digits-8x8").setCreatedAtMillis(Instant.ofEpochMilli(1)).setFramework("pytorch-1.13")
        .setArchitecture(architecture).setHyperparameters(Map.of()).setTags(Map.of())
        .build();
  }

  private static Checkpoint safetensorsCheckpoint(String runId) throws Exception {
    return checkpoint(runId, WeightFormat.SAFETENSORS, read("residual-mlp.safetensors"));
  }

  private static Checkpoint checkpoint(String runId, WeightFormat format, byte[] data) {
    return Checkpoint.newBuilder()
        .setRunId(runId).setStep(100L).setEpoch(1).setCreatedAtMillis(Instant.ofEpochMilli(2)).setMetrics(Map.of())
        .setWeights(InlineWeights.newBuilder().setFormat(format).setData(ByteBuffer.wrap(data)).build())
        .build();
  }

  private static byte[] read(String example) throws Exception {
    return Files.readAllBytes(EXAMPLES.resolve(example));
  }
}
