package io.gmnstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.InlineWeights;
import io.gmnstream.schemas.avro.NativeLayerSpec;
import io.gmnstream.schemas.avro.RunManifest;
import io.gmnstream.schemas.avro.WeightFormat;
import io.gmnstream.schemas.checkpoint.CheckpointFileWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphCommandTest {

  static final Path EXAMPLES = Path.of("..", "examples");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  @Test
  void shouldPrintTheJsonSummaryOfAnOnnxMlp() throws Exception {
    CliRun run = CliRun.of("graph", EXAMPLES.resolve("digits-mlp.onnx").toString(), "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode summary = JSON.readTree(run.out());
    // MLP 64-32-10 with biases: 64 + 32 + 1 + 10 + 1 nodes; 64*32 + 32 + 32*10 + 10 edges.
    assertThat(summary.get("nodes").asInt()).isEqualTo(108);
    assertThat(summary.get("edges").asInt()).isEqualTo(2410);
    assertThat(summary.get("parameters").asLong()).isEqualTo(2410);
    assertThat(summary.get("residualEdges").asInt()).isZero();
    assertThat(summary.get("nodeTypes").get("neuron").asInt()).isEqualTo(106);
    assertThat(summary.get("nodeTypes").get("bias").asInt()).isEqualTo(2);
    assertThat(summary.get("edgeTypes").get("linear_weight").asInt()).isEqualTo(2368);
    assertThat(summary.get("edgeTypes").get("linear_bias").asInt()).isEqualTo(42);
    assertThat(summary.get("buildMillis").isNumber()).isTrue();
    assertThat(summary.get("buildMillis").asDouble()).isNotNegative();
  }

  @Test
  void shouldKeepBatchNormOfAnOnnxCnn() throws Exception {
    CliRun run = CliRun.of("graph", EXAMPLES.resolve("digits-cnn-bn.onnx").toString(), "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode summary = JSON.readTree(run.out());
    assertThat(summary.get("nodes").asInt()).isEqualTo(40);
    assertThat(summary.get("edges").asInt()).isEqualTo(1434);
    assertThat(summary.get("edgeTypes").get("batch_norm_gamma").asInt()).isEqualTo(8);
    assertThat(summary.get("edgeTypes").get("batch_norm_beta").asInt()).isEqualTo(8);
  }

  @Test
  void shouldRecogniseSelfAttentionInAPatchTransformer() throws Exception {
    CliRun run = CliRun.of("graph", EXAMPLES.resolve("digits-patch-transformer.onnx").toString(), "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode summary = JSON.readTree(run.out());
    // embed 8->16, LN, attention (4*16^2 + 4*16), LN, MLP 16->32->16, head 16->10: PyTorch counts 2,538.
    assertThat(summary.get("parameters").asLong()).isEqualTo(2538);
    assertThat(summary.get("residualEdges").asInt()).isEqualTo(32);
    assertThat(summary.get("edges").asInt()).isEqualTo(2538 + 32);
    assertThat(summary.get("nodes").asInt()).isEqualTo(126);
    assertThat(summary.get("nodeTypes").get("attention_neuron").asInt()).isEqualTo(16);
    assertThat(summary.get("edgeTypes").get("attention_query_weight").asInt()).isEqualTo(256);
    assertThat(summary.get("edgeTypes").get("attention_value_bias").asInt()).isEqualTo(16);
  }

  @Test
  void shouldBuildSafetensorsWithTheirLayerSpec() throws Exception {
    CliRun run = CliRun.of("graph", EXAMPLES.resolve("residual-mlp.safetensors").toString(),
        "--spec", EXAMPLES.resolve("residual-mlp.json").toString(), "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertResidualMlp(JSON.readTree(run.out()));
  }

  @Test
  void shouldBuildTheCheckpointOfACheckpointFile() throws Exception {
    Path file = writeCheckpointFile(temp.resolve("run.avro"));

    CliRun run = CliRun.of("graph", file.toString(), "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertResidualMlp(JSON.readTree(run.out()));
  }

  @Test
  void shouldPrintAReadableTextSummaryByDefault() {
    CliRun run = CliRun.of("graph", EXAMPLES.resolve("digits-mlp.onnx").toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("digits-mlp.onnx").contains("nodes 108").contains("edges 2,410")
        .contains("linear_weight 2,368");
  }

  @Test
  void shouldExitWithStatusTwoAndOneLineOnRandomBytes() throws Exception {
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);
    Path file = Files.write(temp.resolve("noise.onnx"), noise);

    assertOneLineRefusal(CliRun.of("graph", file.toString()), "noise.onnx");
  }

  @Test
  void shouldExitWithStatusTwoOnATruncatedModel() throws Exception {
    byte[] model = Files.readAllBytes(EXAMPLES.resolve("digits-mlp.onnx"));
    Path file = Files.write(temp.resolve("truncated.onnx"), Arrays.copyOf(model, model.length / 2));

    assertOneLineRefusal(CliRun.of("graph", file.toString(), "--json"), "");
  }

  @Test
  void shouldRefuseANetworkOverTheConfiguredParameterLimit() {
    CliRun run = CliRun.of("graph", EXAMPLES.resolve("digits-mlp.onnx").toString(), "--max-parameters", "1000");

    assertOneLineRefusal(run, "digits-mlp.onnx");
    assertThat(run.err()).contains("1,000").contains("2,048");
  }

  @Test
  void shouldRefuseAFileOverTheConfiguredSizeLimit() {
    CliRun run = CliRun.of("graph", EXAMPLES.resolve("digits-mlp.onnx").toString(), "--max-file-bytes", "1024");

    assertOneLineRefusal(run, "1,024");
  }

  @Test
  void shouldNameTheOptionOfAnInvalidLimit() {
    CliRun run = CliRun.of("graph", EXAMPLES.resolve("digits-mlp.onnx").toString(), "--max-parameters", "0");

    assertOneLineRefusal(run, "--max-parameters");
  }

  @Test
  void shouldAskForASpecWhenGivenSafetensorsAlone() {
    CliRun run = CliRun.of("graph", EXAMPLES.resolve("residual-mlp.safetensors").toString());

    assertOneLineRefusal(run, "--spec");
  }

  @Test
  void shouldExitWithStatusTwoOnAUsageError() {
    CliRun run = CliRun.of("graph");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("Missing required parameter: 'FILE'");
  }

  @Test
  void shouldNameAMissingFile() {
    CliRun run = CliRun.of("graph", temp.resolve("absent.onnx").toString());

    assertOneLineRefusal(run, "absent.onnx");
  }

  @Test
  void shouldNameTheLayerOfAShapeMismatch() throws Exception {
    String spec = Files.readString(EXAMPLES.resolve("residual-mlp.json"))
        .replace("\"outFeatures\": 10", "\"outFeatures\": 11");
    Path badSpec = Files.writeString(temp.resolve("bad-spec.json"), spec);

    CliRun run = CliRun.of("graph", EXAMPLES.resolve("residual-mlp.safetensors").toString(),
        "--spec", badSpec.toString());

    assertOneLineRefusal(run, "head");
  }

  private static void assertOneLineRefusal(CliRun run, String mentioned) {
    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().strip()).startsWith("gmn-stream graph: ").contains(mentioned);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  /** stem 64->32, LayerNorm(32), fc1 32->32, fc2 32->32, residual, head 32->10. */
  private static void assertResidualMlp(JsonNode summary) {
    assertThat(summary.get("parameters").asLong()).isEqualTo(2080 + 64 + 1056 + 1056 + 330);
    assertThat(summary.get("residualEdges").asInt()).isEqualTo(32);
    assertThat(summary.get("edges").asInt()).isEqualTo(4586 + 32);
    assertThat(summary.get("nodes").asInt()).isEqualTo(64 + 33 + 2 + 33 + 33 + 11);
    assertThat(summary.get("nodeTypes").get("layer_norm_gamma").asInt()).isEqualTo(1);
    assertThat(summary.get("edgeTypes").get("residual").asInt()).isEqualTo(32);
  }

  private static Path writeCheckpointFile(Path file) throws Exception {
    RunManifest manifest = RunManifest.newBuilder()
        .setRunId("run-1").setTask("digits-8x8").setCreatedAtMillis(Instant.ofEpochMilli(1L)).setFramework("pytorch-1.13")
        .setArchitecture(NativeLayerSpec.newBuilder()
            .setSpecJson(Files.readString(EXAMPLES.resolve("residual-mlp.json"))).build())
        .setHyperparameters(Map.of()).setTags(Map.of())
        .build();
    Checkpoint checkpoint = Checkpoint.newBuilder()
        .setRunId("run-1").setStep(100L).setEpoch(1).setCreatedAtMillis(Instant.ofEpochMilli(2L)).setMetrics(Map.of("train_loss", 0.5))
        .setWeights(InlineWeights.newBuilder().setFormat(WeightFormat.SAFETENSORS)
            .setData(ByteBuffer.wrap(Files.readAllBytes(EXAMPLES.resolve("residual-mlp.safetensors")))).build())
        .build();
    try (CheckpointFileWriter writer = CheckpointFileWriter.create(file, manifest)) {
      writer.append(checkpoint);
    }
    return file;
  }
}
