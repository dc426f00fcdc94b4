package io.gmnstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the benchmark on tiny graphs: checks what it reports, never how fast. */
class ScoringBenchCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldReportThroughputPerBatchSizeAndLatencyAsJsonOnTheLastLine() throws Exception {
    CliRun run = CliRun.of("bench", "scoring", "--small", "--random", "--hidden", "8", "--layers", "1",
        "--batch-graphs", "1,4", "--repetitions", "2", "--warmup", "0", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(run.out()).contains("throughput").contains("latency").contains("graphs/s");
    JsonNode report = JSON.readTree(lines.get(lines.size() - 1));
    assertThat(report.get("benchmark").asText()).isEqualTo("scoring");
    assertThat(report.get("device").asText()).isNotBlank();
    assertThat(report.get("modelVersion").asText()).isEqualTo("random");
    assertThat(report.get("modelConfig").get("hidden").asInt()).isEqualTo(8);
    assertThat(report.get("modelConfig").get("layers").asInt()).isEqualTo(1);
    assertThat(report.get("repetitions").asInt()).isEqualTo(2);
    JsonNode throughput = report.get("throughput");
    assertThat(throughput).hasSize(2);
    assertThat(throughput.get(0).get("batchGraphs").asInt()).isEqualTo(1);
    assertThat(throughput.get(1).get("batchGraphs").asInt()).isEqualTo(4);
    for (JsonNode row : throughput) {
      // --small scores MLPs 16-8-4: 16*8 + 8 + 8*4 + 4 edges.
      assertThat(row.get("edgesPerGraph").asInt()).isEqualTo(172);
      assertThat(row.get("graphsPerRepetition").asInt()).isEqualTo(4);
      assertThat(row.get("graphsPerSecondMin").asDouble()).isPositive()
          .isLessThanOrEqualTo(row.get("graphsPerSecondMedian").asDouble());
      assertThat(row.get("graphsPerSecondMax").asDouble()).isGreaterThanOrEqualTo(row.get("graphsPerSecondMedian").asDouble());
      assertThat(row.has("buildMillisPerBatchMedian")).isTrue();
      assertThat(row.has("forwardMillisPerBatchMedian")).isTrue();
      assertThat(row.has("processCpuMillisPerBatchMedian")).isTrue();
    }
    JsonNode latency = report.get("latency");
    assertThat(latency.get("edges").asInt()).isEqualTo(64 * 64 + 64 + 64 * 10 + 10);
    assertThat(latency.get("millisP90").asDouble()).isGreaterThanOrEqualTo(latency.get("millisMedian").asDouble());
    assertThat(latency.has("buildMillisMedian")).isTrue();
    assertThat(latency.has("forwardMillisMedian")).isTrue();
    assertThat(latency.has("processCpuMillisMedian")).isTrue();
  }

  @Test
  void shouldScoreWithSideBySideWorkersAndSaySo() throws Exception {
    CliRun run = CliRun.of("bench", "scoring", "--small", "--random", "--hidden", "8", "--layers", "1",
        "--batch-graphs", "4", "--repetitions", "1", "--warmup", "0", "--scoring-threads", "2", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("2 scoring thread(s)");
    List<String> lines = run.out().lines().toList();
    JsonNode report = JSON.readTree(lines.get(lines.size() - 1));
    assertThat(report.get("scoringThreads").asInt()).isEqualTo(2);
    assertThat(report.get("throughput").get(0).get("graphsPerSecondMedian").asDouble()).isPositive();
  }

  @Test
  void shouldRefuseNoScoringThreads() {
    CliRun run = CliRun.of("bench", "scoring", "--small", "--random", "--scoring-threads", "0");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("--scoring-threads must be in 1..256, got 0");
  }

  @Test
  void shouldRefuseBatchSizesThatDoNotDivideTheLargest() {
    CliRun run = CliRun.of("bench", "scoring", "--small", "--random", "--batch-graphs", "3,4");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("[3] must divide the largest size 4");
  }

  @Test
  void benchAloneAsksForASubcommand() {
    CliRun run = CliRun.of("bench");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("scoring");
  }
}
