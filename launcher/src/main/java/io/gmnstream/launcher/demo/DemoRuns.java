package io.gmnstream.launcher.demo;

import io.gmnstream.launcher.BadInputException;
import io.gmnstream.operator.djl.DjlRuntime;
import io.gmnstream.operator.djl.EngineInfo;
import io.gmnstream.operator.zoo.ZooConfig;
import io.gmnstream.operator.zoo.ZooGenerator;
import io.gmnstream.operator.zoo.ZooReport;
import io.gmnstream.pipeline.replay.RecordedRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The training runs the demo replays: a zoo folder the user names, or a few digits runs trained here
 * and now with DJL (kept under .gmn-stream/, so the next demo starts at once: the zoo is seeded and
 * resumable).
 */
final class DemoRuns {
  static final long SEED = 2026;

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
    ZooReport report = new ZooGenerator(engine, config).withoutProgressBar().generate();
    out.printf(Locale.ROOT, "  %d runs trained now, %d kept from an earlier demo, %d checkpoints%n",
        report.runsTrained(), report.runsSkipped(), report.checkpointsWritten());
    return RecordedRun.readFolder(folder).subList(0, runs);
  }
}
