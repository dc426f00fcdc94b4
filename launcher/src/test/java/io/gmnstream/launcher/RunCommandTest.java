package io.gmnstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  static final Path CONFIG = Path.of("..", "deploy", "config");

  @TempDir Path dir;

  @Test
  void checksTheShippedGraphBuilderConfigWithoutConnecting() {
    CliRun run = CliRun.of("run", "graph-builder", "--config", CONFIG.resolve("graph-builder.yaml").toString(), "--check");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("kafka-0.kafka:9092").contains("parallelism=2").contains("PT1S")
        .contains("https://blobs.example.com/checkpoints/").contains("the Flink context environment")
        .doesNotContain("change-me");
  }

  @Test
  void checksTheShippedOperatorConfigWithoutConnecting() {
    CliRun run = CliRun.of("run", "operator", "--config", CONFIG.resolve("operator.yaml").toString(), "--check");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("gmn-operator-0").contains("/models/digits-gmn").contains("scoringThreads=2")
        .doesNotContain("change-me");
  }

  @Test
  void namesAnUnknownKey() throws Exception {
    Path file = write("kafka: {bootstrapServers: 'k:9092'}\nregistry: {url: 'http://r:8081'}\n"
        + "graphBuilder: {paralelism: 2}\n");

    CliRun run = CliRun.of("run", "graph-builder", "--config", file.toString(), "--check");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("unknown key 'graphBuilder.paralelism'").contains("parallelism");
  }

  @Test
  void namesTheKeyOfABadValue() throws Exception {
    Path file = write("kafka: {bootstrapServers: 'k:9092'}\nregistry: {url: 'http://r:8081'}\n"
        + "graphBuilder: {checkpointInterval: soon}\n");

    CliRun run = CliRun.of("run", "graph-builder", "--config", file.toString(), "--check");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("graphBuilder.checkpointInterval: 'soon' is not a duration");
  }

  @Test
  void refusesAMissingRequiredSection() throws Exception {
    Path file = write("kafka: {bootstrapServers: 'k:9092'}\n");

    CliRun run = CliRun.of("run", "operator", "--config", file.toString(), "--check");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("registry");
  }

  @Test
  void refusesAnUnknownService() {
    CliRun run = CliRun.of("run", "scheduler", "--config", "x.yaml");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("'scheduler' is not a service; use graph-builder, operator or monitor");
  }

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
