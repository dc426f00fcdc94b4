package io.gmnstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  static final Path MODEL = Path.of("..", "models", "digits-gmn");

  @TempDir Path zoo;

  @Test
  @Timeout(300)
  void runsThePipelineOnReplayedZooRunsAndPrintsAFinalSummary() {
    CliRun zooRun = CliRun.of("zoo", "--runs", "3", "--checkpoint-epochs", "1,2", "--max-batches-per-epoch", "2",
        "--out", zoo.toString(), "--no-progress");
    assertThat(zooRun.exitCode()).as(zooRun.err()).isZero();

    CliRun run = CliRun.of("demo", "--zoo", zoo.toString(), "--duration", "8", "--rate", "20", "--port", "0",
        "--model", MODEL.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Starting the pipeline")
        .containsPattern("metrics +http://127\\.0\\.0\\.1:\\d+/metrics")
        .contains("A misconfigured job also sends 9 bad records")
        .contains("Final summary after")
        .contains("scored twice: 0, out of step order: 0")
        .containsPattern("dead letters: 9 \\{.*BAD_MAGIC_BYTE=1.*URI_NOT_ALLOWED=1\\}")
        .contains("predicted");
  }

  @Test
  void refusesAMissingZooFolder() {
    CliRun run = CliRun.of("demo", "--zoo", "no-such-folder");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("no-such-folder");
  }
}
