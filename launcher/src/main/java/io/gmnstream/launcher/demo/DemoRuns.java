package io.gmnstream.launcher.demo;

import io.gmnstream.launcher.BadInputException;
import io.gmnstream.operator.djl.DjlRuntime;
import io.gmnstream.operator.djl.EngineInfo;
import io.gmnstream.operator.train.OptimizerKind;
import io.gmnstream.operator.zoo.RunPlan;
import io.gmnstream.operator.zoo.ZooConfig;
import io.gmnstream.operator.zoo.ZooGenerator;
import io.gmnstream.operator.zoo.ZooReport;
import io.gmnstream.pipeline.replay.RecordedRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The training runs the demo replays: a zoo folder the user names, or a few digits runs trained here
 * and now with DJL (kept under .gmn-stream/, so the next demo starts at once: the zoo is seeded and
 * resumable).
 */
final class DemoRuns {
  static final long SEED = 2026;
  static final String DIVERGING_RUN_ID = "demo-diverging-lr";
  private static final float DIVERGING_LEARNING_RATE = 10f;

  private DemoRuns() {}

  static List<RecordedRun> fromZoo(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new BadInputException("--zoo " + folder + " is not a folder; make one with: bin/gmn-stream zoo --out "
          + folder);
    }
    return RecordedRun.readFolder(folder);
  }

  static List<RecordedRun> trainLive(Path projectDir, int runs, PrintWriter out) throws IOException {
    Path folder = projectDir.resolve(Path.of(".gmn-stream", "demo-zoo", "digits-" + SEED));
    ZooConfig config = ZooConfig.digits(runs, SEED, folder);
    EngineInfo engine = DjlRuntime.start(config.djlSettings(projectDir));
    out.printf(Locale.ROOT, "Training %d small networks on the 8x8 digits (DJL, %s) -> %s%n", runs,
        engine.describe(), folder);
    out.flush();
    ZooGenerator generator = new ZooGenerator(engine, config).withoutProgressBar();
    ZooReport report = generator.generate();
    out.printf(Locale.ROOT, "  %d runs trained now, %d kept from an earlier demo, %d checkpoints%n",
        report.runsTrained(), report.runsSkipped(), report.checkpointsWritten());
    List<RecordedRun> replayed = new ArrayList<>(RecordedRun.readFolder(folder).subList(0, runs));
    replayed.add(RecordedRun.read(trainDivergingRun(engine, projectDir, out)));
    return replayed;
  }

  /**
   * One run that goes bad, so the monitor has something to alert on: the zoo's first plan with plain
   * SGD at a learning rate far above what the digits networks survive; its weights blow up to NaN.
   */
  private static Path trainDivergingRun(EngineInfo engine, Path projectDir, PrintWriter out) throws IOException {
    Path folder = projectDir.resolve(Path.of(".gmn-stream", "demo-zoo", "diverging-" + SEED));
    ZooGenerator generator = new ZooGenerator(engine, ZooConfig.digits(1, SEED, folder)).withoutProgressBar();
    RunPlan plan = generator.sampler().plan(0).withRunId(DIVERGING_RUN_ID)
        .withOptimizer(OptimizerKind.SGD, DIVERGING_LEARNING_RATE, 0.9f);
    Path file = generator.trainRun(plan);
    out.printf(Locale.ROOT, "  plus %s: SGD at learning rate %.0f, to show an alert%n", DIVERGING_RUN_ID,
        DIVERGING_LEARNING_RATE);
    return file;
  }
}
