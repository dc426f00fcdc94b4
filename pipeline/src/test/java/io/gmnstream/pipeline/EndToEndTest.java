package io.gmnstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.pipeline.observe.OutputTally;
import io.gmnstream.pipeline.observe.OutputWatcher;
import io.gmnstream.pipeline.replay.RecordedRun;
import io.gmnstream.pipeline.replay.SyntheticRuns;
import io.gmnstream.pipeline.replay.TrainingReplay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The service's main promise, on the real embedded broker, Flink mini-cluster and scorer. */
class EndToEndTest {

  @TempDir Path work;

  @Test
  @Timeout(240)
  void fiveHundredCheckpointsOfFiftyRunsGiveExactlyFiveHundredScoresInStepOrder() throws Exception {
    List<RecordedRun> runs = SyntheticRuns.smallCnns("e2e", 50, 10, 1);

    try (LocalPipeline pipeline = LocalPipeline.start(LocalPipelineOptions.defaults(work, PipelineFixture.MODEL));
        OutputWatcher output = pipeline.watchOutput()) {
      TrainingReplay.Published published = PipelineFixture.play(pipeline, runs, 0);
      OutputTally.Snapshot done = output.await(s -> s.uniqueScores() >= 500, Duration.ofSeconds(180));
      // Anything scored twice would arrive within a few transactions of the last score.
      Thread.sleep(2_000);
      OutputTally.Snapshot settled = output.snapshot();

      assertThat(published.checkpoints()).isEqualTo(500);
      assertThat(settled.scores()).isEqualTo(500);
      assertThat(settled.uniqueScores()).isEqualTo(500);
      assertThat(settled.duplicates()).isZero();
      assertThat(settled.outOfOrder()).isZero();
      assertThat(settled.deadLetters()).isZero();
      assertThat(settled.scoresByModelVersion()).containsOnlyKeys(pipeline.operator().stats().modelVersion());
      assertThat(done.latencyP50Ms()).isPositive();
      for (RecordedRun run : runs) {
        for (var checkpoint : run.checkpoints()) {
          assertThat(output.tally().wasScored(run.runId(), checkpoint.getStep())).isTrue();
        }
      }
    }
  }
}
