package io.gmnstream.launcher.demo;

import io.gmnstream.pipeline.replay.CheckpointPublisher;
import io.gmnstream.pipeline.replay.RecordedRun;
import io.gmnstream.pipeline.replay.TrainingReplay;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the demo's runs as live training jobs on a background thread, round after round until
 * stopped; each round renames the runs (suffix {@code -r2}, {@code -r3}, ...) so they are new runs
 * to the pipeline rather than a job republishing old steps.
 */
final class DemoReplay implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoReplay.class);

  private final List<RecordedRun> runs;
  private final double perSecond;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong runsStarted = new AtomicLong();
  private final TrainingReplay replay;
  private final Thread thread;
  private volatile Exception failure;

  DemoReplay(CheckpointPublisher publisher, List<RecordedRun> runs, double perSecond) {
    this.replay = new TrainingReplay(publisher);
    this.runs = List.copyOf(runs);
    this.perSecond = perSecond;
    this.thread = new Thread(this::loop, "gmn-demo-replay");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  long runsStarted() {
    return runsStarted.get();
  }

  long checkpointsPublished() {
    return replay.checkpointsSent();
  }

  /** Why the replay stopped early, or null. */
  Exception failure() {
    return failure;
  }

  private void loop() {
    try {
      for (int round = 1; running.get(); round++) {
        String suffix = round == 1 ? "" : "-r" + round;
        List<RecordedRun> renamed = runs.stream().map(r -> r.renamed(r.runId() + suffix)).toList();
        runsStarted.addAndGet(renamed.size());
        replay.play(renamed, perSecond, running::get);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("the demo replay stopped", e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(10_000);
  }
}
