package io.gmnstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmnstream.operator.djl.DjlRuntime;
import io.gmnstream.operator.djl.DjlSettings;
import io.gmnstream.operator.gmn.GmnConfig;
import io.gmnstream.operator.gmn.GmnModel;
import io.gmnstream.paramgraph.tensor.SafetensorsWriter;
import io.gmnstream.paramgraph.tensor.Tensor;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {

  static final Path EXAMPLES = Path.of("..", "examples");
  static final Path MNIST_CNN = Path.of("..", "paramgraph-onnx", "src", "test", "resources", "onnx", "row6_cnn_zoo_op17.onnx");
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> EXAMPLE_ONNX = List.of("digits-mlp.onnx", "digits-cnn-bn.onnx", "digits-patch-transformer.onnx");

  @TempDir static Path shared;
  static Path model;

  @TempDir Path temp;

  /** A randomly initialised GMN saved like a trained one: scores are meaningless, their plumbing is not. */
  @BeforeAll
  static void saveRandomModel() throws Exception {
    DjlRuntime.start(DjlSettings.fromEnvironment(Path.of(".")));
    model = shared.resolve("test-gmn");
    try (GmnModel gmn = GmnModel.create(GmnConfig.builder().hidden(8).layers(1).headHidden(8).build(), 3)) {
      gmn.save(model, Map.of());
    }
  }

  @Test
  void shouldScoreTheExamplesAndTheLastCheckpointOfACheckpointFileAsJsonLines() throws Exception {
    List<String> args = new ArrayList<>(List.of("score", "--json", "--model", model.toString()));
    EXAMPLE_ONNX.forEach(name -> args.add(EXAMPLES.resolve(name).toString()));
    Path checkpoints = writeCheckpointFile(temp.resolve("run.avro"), EXAMPLES.resolve("residual-mlp.json"),
        Files.readAllBytes(EXAMPLES.resolve("residual-mlp.safetensors")));
    args.add(checkpoints.toString());

    CliRun run = CliRun.of(args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(4);
    String version = null;
    for (int i = 0; i < lines.size(); i++) {
      JsonNode score = JSON.readTree(lines.get(i));
      String input = args.get(4 + i);
      JsonNode graph = graphSummary(input);
      assertThat(score.get("input").asText()).isEqualTo(input);
      assertThat(score.get("nodes").asInt()).isEqualTo(graph.get("nodes").asInt());
      assertThat(score.get("edges").asInt()).isEqualTo(graph.get("edges").asInt());
      assertThat(score.get("predictedTestAccuracy").asDouble()).isBetween(0.0, 1.0);
      assertThat(Double.isFinite(score.get("predictedGeneralizationGap").asDouble())).isTrue();
      assertThat(score.get("modelVersion").asText()).matches("test-gmn@[0-9a-f]{12}");
      version = version == null ? score.get("modelVersion").asText() : version;
      assertThat(score.get("modelVersion").asText()).isEqualTo(version);
    }
    JsonNode last = JSON.readTree(lines.get(3));
    assertThat(last.get("format").asText()).isEqualTo("checkpoint");
    assertThat(last.get("step").asLong()).isEqualTo(200);
    assertThat(JSON.readTree(lines.get(0)).has("step")).isFalse();
  }

  /**
   * The shipped model's scores of the three examples, as measured when the model was trained. A
   * change to the forward pass (fused ops, batching, gathers) must leave them as they are; retraining
   * the shipped model is the one reason to update these figures.
   */
  @Test
  void shippedModelScoresTheExamplesAsWhenItWasTrained() throws Exception {
    Map<String, double[]> expected = Map.of(
        "digits-mlp.onnx", new double[] {0.9691282, 0.004243931},
        "digits-cnn-bn.onnx", new double[] {0.45544487, 0.017581886},
        "digits-patch-transformer.onnx", new double[] {0.8270546, 0.015325706});
    List<String> args = new ArrayList<>(List.of("score", "--json", "--model", Path.of("..", "models", "digits-gmn").toString()));
    EXAMPLE_ONNX.forEach(name -> args.add(EXAMPLES.resolve(name).toString()));

    CliRun run = CliRun.of(args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isZero();
    for (String line : run.out().lines().toList()) {
      JsonNode score = JSON.readTree(line);
      double[] want = expected.get(Path.of(score.get("input").asText()).getFileName().toString());
      assertThat(score.get("modelVersion").asText()).isEqualTo("digits-gmn@2ae0e5422f02");
      assertThat(score.get("predictedTestAccuracy").asDouble()).isCloseTo(want[0], within(1e-5));
      assertThat(score.get("predictedGeneralizationGap").asDouble()).isCloseTo(want[1], within(1e-5));
    }
  }

  @Test
  void shouldScoreTheStepAskedFor() throws Exception {
    Path checkpoints = writeCheckpointFile(temp.resolve("run.avro"), EXAMPLES.resolve("residual-mlp.json"),
        Files.readAllBytes(EXAMPLES.resolve("residual-mlp.safetensors")));

    CliRun run = CliRun.of("score", "--json", "--model", model.toString(), "--step", "100", checkpoints.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(JSON.readTree(run.out()).get("step").asLong()).isEqualTo(100);
  }

  @Test
  void shouldScoreTheReadableFilesAndReportEachUnreadableOneOnItsOwnLine() throws Exception {
    byte[] noise = new byte[4096];
    new Random(42).nextBytes(noise);
    Path garbage = Files.write(temp.resolve("noise.onnx"), noise);
    Path missing = temp.resolve("missing.onnx");
    String mlp = EXAMPLES.resolve("digits-mlp.onnx").toString();
    String cnn = EXAMPLES.resolve("digits-cnn-bn.onnx").toString();

    CliRun run = CliRun.of("score", "--json", "--model", model.toString(), mlp, garbage.toString(), missing.toString(), cnn);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(JSON.readTree(lines.get(0)).get("input").asText()).isEqualTo(mlp);
    assertThat(JSON.readTree(lines.get(1)).get("input").asText()).isEqualTo(cnn);
    List<String> errors = run.err().lines().toList();
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0)).startsWith("gmn-stream score: " + garbage + ": ");
    assertThat(errors.get(1)).startsWith("gmn-stream score: " + missing + ": ").contains("no such file");
    assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void shouldRefuseANetworkWithAnotherInput() {
    CliRun run = CliRun.of("score", "--json", "--model", model.toString(), MNIST_CNN.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err().strip()).startsWith("gmn-stream score: " + MNIST_CNN + ": trained for digits-8x8: input must be")
        .contains("got [N,1,28,28]");
  }

  @Test
  void shouldRefuseANetworkWithoutTenOutputs() throws Exception {
    String spec = "{\"format\":\"gmn-layers/1\",\"input\":{\"shape\":[64],\"layout\":\"features\"},\"layers\":["
        + "{\"name\":\"fc1\",\"op\":\"linear\",\"inFeatures\":64,\"outFeatures\":8},"
        + "{\"name\":\"act\",\"op\":\"activation\",\"fn\":\"relu\"},"
        + "{\"name\":\"fc2\",\"op\":\"linear\",\"inFeatures\":8,\"outFeatures\":5}]}";
    Path specFile = Files.writeString(temp.resolve("five.json"), spec);
    byte[] weights = SafetensorsWriter.write(List.of(
        Tensor.f32("fc1.weight", new long[] {8, 64}, new float[512]), Tensor.f32("fc1.bias", new long[] {8}, new float[8]),
        Tensor.f32("fc2.weight", new long[] {5, 8}, new float[40]), Tensor.f32("fc2.bias", new long[] {5}, new float[5])));
    Path checkpoints = writeCheckpointFile(temp.resolve("five.avro"), specFile, weights);

    CliRun run = CliRun.of("score", "--model", model.toString(), checkpoints.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).contains("trained for digits-8x8: the network must have 10 outputs, got 5");
  }

  @Test
  void shouldRefuseAModelOfAnUnknownFormatVersionInOneLine() throws Exception {
    Path future = temp.resolve("future-gmn");
    Files.createDirectories(future);
    try (var files = Files.list(model)) {
      for (Path f : files.toList()) {
        Files.copy(f, future.resolve(f.getFileName()));
      }
    }
    Files.writeString(future.resolve("VERSION"), "99\n");

    CliRun run = CliRun.of("score", "--json", "--model", future.toString(), EXAMPLES.resolve("digits-mlp.onnx").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.err()).startsWith("gmn-stream score: ").contains("'99'").doesNotContain("Exception");
  }

  @Test
  void shouldSayWhenTheShippedModelIsMissing() {
    String before = System.getProperty("gmn.home");
    System.setProperty("gmn.home", temp.toString());
    try {
      CliRun run = CliRun.of("score", EXAMPLES.resolve("digits-mlp.onnx").toString());

      assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(run.err().strip().lines()).hasSize(1);
      assertThat(run.err()).contains("no GMN model at " + temp.resolve("models").resolve("digits-gmn")).contains("--model");
    } finally {
      if (before == null) {
        System.clearProperty("gmn.home");
      } else {
        System.setProperty("gmn.home", before);
      }
    }
  }

  @Test
  void shouldPrintATableWithoutJson() {
    CliRun run = CliRun.of("score", "--model", model.toString(), EXAMPLES.resolve("digits-mlp.onnx").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("model test-gmn@").contains("test acc").contains("digits-mlp.onnx").contains("2,410");
  }

  private static JsonNode graphSummary(String file) throws Exception {
    CliRun run = CliRun.of("graph", file, "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return JSON.readTree(run.out());
  }

  /** A checkpoint file of one run with the same weights at steps 100 and 200. */
  private static Path writeCheckpointFile(Path file, Path specJson, byte[] safetensors) throws Exception {
    RunManifest manifest = RunManifest.newBuilder()
        .setRunId("run-1").setTask("digits-8x8").setCreatedAtMillis(Instant.ofEpochMilli(1L)).setFramework("pytorch-2.7")
        .setArchitecture(NativeLayerSpec.newBuilder().setSpecJson(Files.readString(specJson)).build())
        .setHyperparameters(Map.of()).setTags(Map.of())
        .build();
    try (CheckpointFileWriter writer = CheckpointFileWriter.create(file, manifest)) {
      for (long step : new long[] {100, 200}) {
        writer.append(Checkpoint.newBuilder()
            .setRunId("run-1").setStep(step).setEpoch((int) (step / 100)).setCreatedAtMillis(Instant.ofEpochMilli(step))
            .setMetrics(Map.of("train_loss", 0.5))
            .setWeights(InlineWeights.newBuilder().setFormat(WeightFormat.SAFETENSORS)
                .setData(ByteBuffer.wrap(safetensors)).build())
            .build());
      }
    }
    return file;
  }
}
