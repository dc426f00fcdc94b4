package io.gmnstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {

  @Test
  void shouldBuildEveryBundledExampleIncludingACheckpointFile() {
    CliRun run = CliRun.of("demo", "--examples", GraphCommandTest.EXAMPLES.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("digits-mlp.onnx").contains("digits-cnn-bn.onnx").contains("digits-patch-transformer.onnx")
        .contains("residual-mlp.safetensors + residual-mlp.json")
        .contains("(checkpoint file)")
        .doesNotContain("refused");
    // The residual MLP appears twice (safetensors and checkpoint file) with the same graph size.
    assertThat(run.out().split("4,618", -1)).hasSize(3);
  }

  @Test
  void shouldRefuseAMissingExamplesFolder() {
    CliRun run = CliRun.of("demo", "--examples", "no-such-folder");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("no-such-folder");
  }
}
