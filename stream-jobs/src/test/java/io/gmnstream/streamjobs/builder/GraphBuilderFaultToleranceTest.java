package io.gmnstream.streamjobs.builder;

import static io.gmnstream.streamjobs.builder.TestRuns.inline;
import static io.gmnstream.streamjobs.builder.TestRuns.manifest;
import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.ParamGraph;
import io.gmnstream.streamjobs.builder.JobTestHarness.Outputs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A task manager dies mid-stream: after the restart every checkpoint is still built exactly once. */
class GraphBuilderFaultToleranceTest {

  static final int RUNS = 20;
  static final int STEPS = 10;

  @TempDir Path work;

  @Test
  @Timeout(180)
  void shouldBuildEachRunAndStepExactlyOnceAcrossATaskManagerFailure() throws Exception {
    try (JobTestHarness harness = JobTestHarness.start(work, 2, 2)) {
      JobClient job = harness.flink.submit(harness.config().withParallelism(2));
      byte[] weights = TestRuns.mlpWeights(0.5f, false);
      for (int run = 0; run < RUNS; run++) {
        harness.send(Topics.RUNS.name(), runId(run), manifest(runId(run), TestRuns.MLP_SPEC));
      }
      for (int step = 1; step <= STEPS / 2; step++) {
        publishStep(harness, step, weights);
      }
      // Some graphs are committed, more are in flight: now the task manager dies.
      harness.readOutputs(RUNS, 0, Duration.ofSeconds(60), Duration.ZERO);
      harness.flink.failTaskManager();
      for (int step = STEPS / 2 + 1; step <= STEPS; step++) {
        publishStep(harness, step, weights);
      }

      Outputs outputs = harness.readOutputs(RUNS * STEPS, 0, Duration.ofSeconds(90), Duration.ofSeconds(2));
      job.cancel().get();

      Map<String, List<Long>> stepsByRun = outputs.graphs().stream().collect(Collectors.groupingBy(
          ParamGraph::getRunId, Collectors.mapping(ParamGraph::getStep, Collectors.toList())));
      List<Long> allSteps = LongStream.rangeClosed(1, STEPS).boxed().toList();
      assertThat(stepsByRun).hasSize(RUNS);
      assertThat(stepsByRun).allSatisfy((run, steps) -> assertThat(steps).as(run).isEqualTo(allSteps));
      assertThat(outputs.deadLetters()).isEmpty();
    }
  }

  private static void publishStep(JobTestHarness harness, int step, byte[] weights) throws Exception {
    for (int run = 0; run < RUNS; run++) {
      harness.send(Topics.CHECKPOINTS.name(), runId(run), inline(runId(run), step, weights));
    }
  }

  private static String runId(int run) {
    return "run-" + run;
  }
}
