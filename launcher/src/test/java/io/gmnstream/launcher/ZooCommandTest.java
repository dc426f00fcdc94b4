package io.gmnstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooCommandTest {

  @TempDir Path out;

  @Test
  void shouldTrainAResumableZooWhoseCheckpointsBecomeGraphs() throws Exception {
    String[] zoo = {"zoo", "--runs", "2", "--seed", "11", "--checkpoint-epochs", "1,2",
        "--max-batches-per-epoch", "3", "--out", out.toString(), "--no-progress"};

    CliRun first = CliRun.of(zoo);

    assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
    assertThat(first.out()).contains("zoo: 2 runs (2 trained, 0 already done)");
    List<Path> files = runFiles();
    assertThat(files).hasSize(2);

    for (Path file : files) {
      CliRun graph = CliRun.of("graph", file.toString(), "--json");
      assertThat(graph.exitCode()).as(graph.err()).isZero();
      JsonNode summary = new ObjectMapper().readTree(graph.out());
      assertThat(summary.get("format").asText()).isEqualTo("checkpoint");
      assertThat(summary.get("edges").asLong())
          .isEqualTo(summary.get("parameters").asLong() + summary.get("residualEdges").asLong());
    }

    CliRun again = CliRun.of(zoo);
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("zoo: 2 runs (0 trained, 2 already done)");
  }

  @Test
  void shouldRefuseInvalidSettingsNamingTheField() {
    CliRun run = CliRun.of("zoo", "--runs", "1", "--checkpoint-epochs", "4,2", "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("checkpointEpochs").contains("strictly increasing");
  }

  private List<Path> runFiles() throws Exception {
    try (Stream<Path> files = Files.list(out)) {
      return files.filter(f -> f.toString().endsWith(".avro")).sorted().toList();
    }
  }
}
