package io.gmnstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.pipeline.observe.OutputTally;
import io.gmnstream.pipeline.observe.OutputWatcher;
import io.gmnstream.pipeline.replay.RecordedRun;
import io.gmnstream.pipeline.replay.SyntheticRuns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task failure in the Flink job and a restart of the scoring service, both mid-stream: afterwards
 * every checkpoint is scored exactly once (read_committed), none lost. (A killed scorer process is
 * proved in gmn-operator's CrashRecoveryTest.)
 */
class FaultToleranceTest {

  @TempDir Path work;

  @Test
  @Timeout(300)
  void aFlinkTaskFailureAndAnOperatorRestartMidStreamLoseNothingAndDuplicateNothing() throws Exception {
    List<RecordedRun> runs = SyntheticRuns.smallCnns("faults", 20, 15, 3);

    try (LocalPipeline pipeline = LocalPipeline.start(LocalPipelineOptions.defaults(work, PipelineFixture.MODEL));
        OutputWatcher output = pipeline.watchOutput()) {
      // 300 checkpoints at 40 per second: about 7.5 s of stream to break things in.
      CompletableFuture<?> replay = CompletableFuture.runAsync(() -> {
        try {
          PipelineFixture.play(pipeline, runs, 40);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      });
      output.await(s -> s.uniqueScores() >= 40, Duration.ofSeconds(120));
      pipeline.flink().failTaskManager();

      output.await(s -> s.uniqueScores() >= 120, Duration.ofSeconds(120));
      pipeline.restartOperator();

      replay.get();
      OutputTally.Snapshot done = output.await(s -> s.uniqueScores() >= 300, Duration.ofSeconds(180));
      Thread.sleep(2_000);
      OutputTally.Snapshot settled = output.snapshot();

      assertThat(settled.uniqueScores()).isEqualTo(300);
      assertThat(settled.scores()).isEqualTo(300);
      assertThat(settled.duplicates()).isZero();
      assertThat(settled.outOfOrder()).isZero();
      assertThat(done.deadLetters()).isZero();
    }
  }
}
