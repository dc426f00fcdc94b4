package io.gmnstream.launcher.zoo;

import io.gmnstream.launcher.BadInputException;
import io.gmnstream.launcher.GmnHome;
import io.gmnstream.operator.data.DatasetFormatException;
import io.gmnstream.operator.djl.DjlRuntime;
import io.gmnstream.operator.djl.EngineInfo;
import io.gmnstream.operator.zoo.ZooConfig;
import io.gmnstream.operator.zoo.ZooGenerator;
import io.gmnstream.operator.zoo.ZooReport;
import io.gmnstream.operator.zoo.ZooTask;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gmn-stream zoo}: trains a model zoo of small networks (dense, conv, residual conv and
 * attention families) on digits or MNIST with DJL, one gmn-stream
 * checkpoint file per run, each checkpoint labelled with its measured train and test accuracy.
 * Deterministic from the seed and resumable: complete run files are kept, the rest are (re)trained.
 */
@Command(name = "zoo", mixinStandardHelpOptions = true,
    description = "Trains a model zoo on real data; one checkpoint file per run (resumable, seeded).",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:every run has its file", "1:some runs failed (listed; rerun to retry them)",
        "2:bad options"})
public final class ZooCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--task", paramLabel = "TASK", defaultValue = "digits",
      description = "the task the networks learn: digits (bundled) or mnist (needs --data) (default: ${DEFAULT-VALUE})")
  String task;

  @Option(names = "--data", paramLabel = "DIR",
      description = "the task's data folder: for mnist, the four gzipped IDX files (e.g. ../shared/data/mnist)")
  Path data;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "100", description = "runs to train (default: ${DEFAULT-VALUE})")
  int runs;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "2026",
      description = "master seed: run i is the same network and training whatever N is (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: .gmn-stream/zoo/TASK-SEED)")
  Path out;

  @Option(names = "--checkpoint-epochs", paramLabel = "E", split = ",", defaultValue = "1,2,4,8",
      description = "epochs after which a checkpoint is taken (default: ${DEFAULT-VALUE})")
  List<Integer> checkpointEpochs;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "CPU threads (default: ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--max-batches-per-epoch", paramLabel = "N", defaultValue = "0",
      description = "cut epochs short, for smoke runs (default: 0 = full epochs)")
  int maxBatchesPerEpoch;

  @Option(names = "--no-progress", description = "no progress bar (for logs and CI)")
  boolean noProgress;

  @Override
  public Integer call() {
    ZooConfig config = config();
    PrintWriter out = spec.commandLine().getOut();
    EngineInfo engine = DjlRuntime.start(config.djlSettings(GmnHome.resolve()));
    out.println("gmn-stream zoo: " + engine.describe());
    out.println("  " + config.runs() + " runs of task " + config.task() + ", seed " + config.masterSeed()
        + ", checkpoints after epochs " + config.checkpointEpochs() + " -> " + config.outputDir());
    out.flush();
    ZooGenerator generator = new ZooGenerator(engine, config);
    ZooReport report = (noProgress ? generator.withoutProgressBar() : generator).generate();
    out.println(report.summary());
    out.flush();
    return report.failedRunIds().isEmpty() ? 0 : 1;
  }

  private ZooConfig config() {
    try {
      ZooTask zooTask = ZooTask.parse(task);
      Path folder = out != null ? out
          : GmnHome.resolve().resolve(Path.of(".gmn-stream", "zoo", task + "-" + seed));
      if (zooTask.needsData() && data == null) {
        throw new BadInputException("--task " + zooTask + " needs --data DIR, a folder with the gzipped IDX files"
            + " (e.g. ../shared/data/mnist)");
      }
      ZooConfig config = new ZooConfig(zooTask, data, runs, seed, checkpointEpochs, folder, threads, maxBatchesPerEpoch);
      // Before the engine starts (seconds): a wrong folder fails at once, naming what is missing.
      zooTask.checkData(data);
      return config;
    } catch (DatasetFormatException e) {
      throw new BadInputException("--data " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }
}
