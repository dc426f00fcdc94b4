package io.gmnstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {

  @Test
  void shouldBuildEveryBundledExampleIncludingACheckpointFile() {
    CliRun run = CliRun.of("demo", "--no-kafka", "--examples", GraphCommandTest.EXAMPLES.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).doesNotContain("Kafka broker");
    assertThat(run.out())
        .contains("digits-mlp.onnx").contains("digits-cnn-bn.onnx").contains("digits-patch-transformer.onnx")
        .contains("residual-mlp.safetensors + residual-mlp.json")
        .contains("(checkpoint file)")
        .doesNotContain("refused");
    // The residual MLP appears twice (safetensors and checkpoint file) with the same graph size.
    assertThat(run.out().split("4,618", -1)).hasSize(3);
  }

  @Test
  void shouldRoundTripEveryExampleThroughKafkaAndTheRegistry() {
    CliRun run = CliRun.of("demo", "--examples", GraphCommandTest.EXAMPLES.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    String kafkaPart = run.out().substring(run.out().indexOf("Starting an in-process Kafka broker"));
    assertThat(kafkaPart)
        .contains("published 4 runs to gmn.runs and 4 checkpoints + 1 corrupt record to gmn.checkpoints")
        .containsPattern("example-digits-mlp +gmn\\.checkpoints-\\d@\\d+ +108 +2,410")
        .containsPattern("example-digits-cnn-bn +gmn\\.checkpoints-\\d@\\d+ +40 +1,434")
        .containsPattern("example-digits-patch-transformer +gmn\\.checkpoints-\\d@\\d+ +126 +2,570")
        .containsPattern("example-residual-mlp +gmn\\.checkpoints-\\d@\\d+ +176 +4,618")
        .containsPattern("example-misconfigured-job +gmn\\.checkpoints-\\d@\\d+ +refused BAD_MAGIC_BYTE")
        .contains("gmn.runs-value id 1 v1").contains("gmn.checkpoints-value id 2 v1");
  }

  @Test
  void shouldRefuseAMissingExamplesFolder() {
    CliRun run = CliRun.of("demo", "--examples", "no-such-folder");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("no-such-folder");
  }
}
