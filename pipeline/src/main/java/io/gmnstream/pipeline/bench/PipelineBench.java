package io.gmnstream.pipeline.bench;

import io.gmnstream.pipeline.LocalPipeline;
import io.gmnstream.pipeline.observe.OutputTally;
import io.gmnstream.pipeline.observe.OutputWatcher;
import io.gmnstream.pipeline.replay.BadInput;
import io.gmnstream.pipeline.replay.BadInputs;
import io.gmnstream.pipeline.replay.CheckpointPublisher;
import io.gmnstream.pipeline.replay.Pacer;
import io.gmnstream.pipeline.replay.RecordedRun;
import io.gmnstream.pipeline.replay.SyntheticRuns;
import io.gmnstream.pipeline.replay.TrainingReplay;
import io.gmnstream.schemas.avro.Checkpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Measures the running pipeline end to end: publishes synthetic CNN checkpoints (and bad records
 * mixed in) as training jobs would, and watches scores and dead letters as a downstream consumer
 * (read_committed). A warm-up stream goes first and is not counted, so JIT and first-batch costs do
 * not land in the figures.
 */
public final class PipelineBench {

  /**
   * @param checkpoints good checkpoints to publish (measured)
   * @param bad bad records mixed in, cycling through every kind
   * @param perSecond publishing rate; 0 publishes as fast as the producer takes them (throughput)
   * @param width the CNN's second conv width: {@link SyntheticRuns#parameters} parameters per checkpoint
   * @param checkpointsPerRun checkpoints of each synthetic run
   * @param warmup checkpoints published and scored before measuring
   * @param timeout longest wait for the output to arrive
   */
  public record Settings(int checkpoints, int bad, double perSecond, int width, int checkpointsPerRun, int warmup,
      Duration timeout) {
    public Settings {
      if (checkpoints < 1) {
        throw new IllegalArgumentException("--checkpoints must be at least 1, got " + checkpoints);
      }
      if (bad < 0) {
        throw new IllegalArgumentException("--bad must be 0 or more, got " + bad);
      }
      if (width < 1 || checkpointsPerRun < 1 || warmup < 0) {
        throw new IllegalArgumentException("width and checkpoints per run must be positive, warm-up 0 or more");
      }
    }
  }

  /**
   * The figures {@code bench pipeline --json} prints.
   *
   * @param published good checkpoints published
   * @param scored distinct checkpoints scored
   * @param deadLettered dead letters (the bad records, plus any good record refused: a bug)
   * @param duplicates scores of a checkpoint already scored (must be 0)
   * @param throughputPerSec scored per second, from the first publish to the last score readable
   * @param latencyP50Ms median publish-to-score latency
   * @param latencyP99Ms its 99th percentile
   * @param parametersPerCheckpoint size of each good checkpoint
   * @param device where the scorer ran
   */
  public record Result(long published, long scored, long deadLettered, long duplicates, double throughputPerSec,
      double latencyP50Ms, double latencyP99Ms, long parametersPerCheckpoint, String device) {}

  private final LocalPipeline pipeline;

  public PipelineBench(LocalPipeline pipeline) {
    this.pipeline = pipeline;
  }

  public Result run(Settings settings) throws IOException, InterruptedException, TimeoutException {
    if (settings.warmup() > 0) {
      warmUp(settings);
    }
    List<RecordedRun> runs = SyntheticRuns.cnns("bench", divideRoundingUp(settings.checkpoints(),
        settings.checkpointsPerRun()), settings.checkpointsPerRun(), 11, settings.width());
    List<Checkpoint> order = TrainingReplay.interleave(runs).subList(0, settings.checkpoints());
    List<BadInput> bad = badInputs(settings.bad());
    try (OutputWatcher output = pipeline.watchOutputFromNow();
        CheckpointPublisher publisher = pipeline.publisher()) {
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      for (RecordedRun run : runs) {
        sends.add(publisher.publishManifest(run.manifest()));
      }
      publisher.flush();
      CheckpointPublisher.awaitAll(sends);
      sends.clear();
      long firstPublishMillis = System.currentTimeMillis();
      Pacer pacer = new Pacer(settings.perSecond());
      int badEvery = bad.isEmpty() ? Integer.MAX_VALUE : Math.max(1, order.size() / bad.size());
      int badSent = 0;
      for (int i = 0; i < order.size(); i++) {
        pacer.awaitNext();
        sends.add(publisher.publishCheckpoint(order.get(i)));
        if (badSent < bad.size() && i % badEvery == badEvery / 2) {
          sends.addAll(BadInputs.publish(publisher, bad.get(badSent++)));
        }
      }
      while (badSent < bad.size()) {
        sends.addAll(BadInputs.publish(publisher, bad.get(badSent++)));
      }
      publisher.flush();
      CheckpointPublisher.awaitAll(sends);
      OutputTally.Snapshot done = output.await(
          s -> s.uniqueScores() >= settings.checkpoints() && s.deadLetters() >= settings.bad(), settings.timeout());
      // Anything scored twice would be committed within a few transactions of the last score.
      Thread.sleep(1_000);
      OutputTally.Snapshot settled = output.snapshot();
      double seconds = (done.lastScoreAtMillis() - firstPublishMillis) / 1000.0;
      return new Result(order.size(), settled.uniqueScores(), settled.deadLetters(), settled.duplicates(),
          settled.uniqueScores() / seconds, settled.latencyP50Ms(), settled.latencyP99Ms(),
          SyntheticRuns.parameters(settings.width()), pipeline.operator().device());
    }
  }

  private void warmUp(Settings settings) throws InterruptedException, TimeoutException {
    List<RecordedRun> runs = SyntheticRuns.cnns("warmup", divideRoundingUp(settings.warmup(), 10), 10, 5,
        settings.width());
    try (OutputWatcher output = pipeline.watchOutputFromNow();
        CheckpointPublisher publisher = pipeline.publisher()) {
      TrainingReplay.Published published = new TrainingReplay(publisher).play(runs, 0, () -> true);
      output.await(s -> s.uniqueScores() >= published.checkpoints(), settings.timeout());
    }
  }

  /** {@code count} bad records cycling through every kind, each kind's copies under their own run ids. */
  private List<BadInput> badInputs(int count) throws IOException {
    List<BadInput> out = new ArrayList<>(count);
    BadInputs catalogue = new BadInputs(pipeline.stack().registryClient(), pipeline.options().blobDir());
    for (int round = 0; out.size() < count; round++) {
      for (BadInput input : catalogue.oneOfEach("bench-bad-" + round, pipeline.options().maxParameters())) {
        if (out.size() < count) {
          out.add(input);
        }
      }
    }
    return out;
  }

  private static int divideRoundingUp(int a, int b) {
    return (a + b - 1) / b;
  }
}
