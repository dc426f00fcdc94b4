package io.gmnstream.pipeline;

import io.gmnstream.pipeline.replay.CheckpointPublisher;
import io.gmnstream.pipeline.replay.RecordedRun;
import io.gmnstream.pipeline.replay.TrainingReplay;
import java.nio.file.Path;
import java.util.List;

/** What the end-to-end proofs share: the shipped model and a way to play runs into a pipeline. */
final class PipelineFixture {
  static final Path MODEL = Path.of("..", "models", "digits-gmn").toAbsolutePath().normalize();

  private PipelineFixture() {}

  static TrainingReplay.Published play(LocalPipeline pipeline, List<RecordedRun> runs, double perSecond)
      throws InterruptedException {
    try (CheckpointPublisher publisher = pipeline.publisher()) {
      return new TrainingReplay(publisher).play(runs, perSecond, () -> true);
    }
  }
}
