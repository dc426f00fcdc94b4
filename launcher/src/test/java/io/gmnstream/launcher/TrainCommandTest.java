package io.gmnstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
  void shouldReplayOutcomesFineTuningAStartModelAndPrintOneRowPerAmount() throws Exception {
    Path zoo = temp.resolve("zoo");
    assertThat(CliRun.of("zoo", "--runs", "10", "--seed", "9", "--checkpoint-epochs", "1,2",
        "--max-batches-per-epoch", "2", "--out", zoo.toString(), "--no-progress").exitCode()).isZero();
    Path start = temp.resolve("start");
    assertThat(CliRun.of("train", "--zoo", zoo.toString(), "--out", start.toString(), "--epochs", "1", "--hidden", "8")
        .exitCode()).isZero();

    Path served = temp.resolve("served");
    CliRun run = CliRun.of("train", "--replay-outcomes", "5,10", "--zoo", zoo.toString(), "--out", served.toString(),
        "--start-model", start.toString(), "--fine-tune", "--epochs", "1", "--test-fraction", "0.4");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    List<String> rows = run.out().lines().filter(l -> l.matches("\\| \\d+ \\|.*")).toList();
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).startsWith("| 0 | - |").contains("start");
    assertThat(rows.get(1)).startsWith("| 5 |");
    assertThat(rows.get(2)).startsWith("| 10 |");
    assertThat(served.resolve("VERSION")).exists();
    // Whatever the rounds decided, the served model kept the start model's shape (8 wide, fine-tuned).
    assertThat(Files.readString(served.resolve("hyperparameters.properties")))
        .isEqualTo(Files.readString(start.resolve("hyperparameters.properties")));
  }

  @Test
  void shouldRefuseStartModelAndFineTuneOutsideTheOutcomeModes() {
    CliRun run = CliRun.of("train", "--zoo", temp.toString(), "--out", temp.resolve("m").toString(), "--fine-tune");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("--fine-tune go with --replay-outcomes or --from-topic");
  }

  @Test
  void shouldRefuseAMissingZooFolder() {
    CliRun run = CliRun.of("train", "--zoo", temp.resolve("none").toString(), "--out", temp.resolve("m").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("no zoo folder");
  }
}
