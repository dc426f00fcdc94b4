package io.gmnstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

  @TempDir Path temp;

  @Test
  void shouldTrainOnAZooAndSaveAModelWithItsHeldOutFigures() throws Exception {
    Path zoo = temp.resolve("zoo");
    CliRun made = CliRun.of("zoo", "--runs", "6", "--seed", "5", "--checkpoint-epochs", "1,2",
        "--max-batches-per-epoch", "3", "--out", zoo.toString(), "--no-progress");
    assertThat(made.exitCode()).as(made.err()).isZero();

    Path model = temp.resolve("model");
    CliRun run = CliRun.of("train", "--zoo", zoo.toString(), "--out", model.toString(),
        "--epochs", "2", "--hidden", "8", "--test-fraction", "0.34");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("zoo " + zoo + ": 6 runs").contains("by-run:")
        .contains("test accuracy: ").contains("generalisation gap: ").contains("model saved to " + model);
    assertThat(model.resolve("VERSION")).exists();
    assertThat(Files.readString(model.resolve("metadata.properties"))).contains("zoo.hash");
  }

  @Test
  void shouldRefuseAMissingZooFolder() {
    CliRun run = CliRun.of("train", "--zoo", temp.resolve("none").toString(), "--out", temp.resolve("m").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("no zoo folder");
  }
}
