package io.gmnstream.launcher.eval;

import io.gmnstream.launcher.BadInputException;
import io.gmnstream.launcher.GmnHome;
import io.gmnstream.launcher.train.TrainCommand;
import io.gmnstream.operator.dataset.ZooCheckpoints;
import io.gmnstream.operator.djl.DjlRuntime;
import io.gmnstream.operator.djl.DjlSettings;
import io.gmnstream.operator.djl.EngineInfo;
import io.gmnstream.operator.evaluate.Baselines;
import io.gmnstream.operator.evaluate.Comparison;
import io.gmnstream.operator.evaluate.ComparisonJson;
import io.gmnstream.operator.evaluate.ComparisonMarkdown;
import io.gmnstream.operator.evaluate.ComparisonReport;
import io.gmnstream.operator.evaluate.ComparisonText;
import io.gmnstream.operator.evaluate.GmnPredictor;
import io.gmnstream.operator.evaluate.HeldOutSplit;
import io.gmnstream.operator.evaluate.Predictor;
import io.gmnstream.operator.evaluate.SplitComparison;
import io.gmnstream.operator.gmn.GmnModel;
import io.gmnstream.operator.learn.GmnFitter;
import io.gmnstream.operator.learn.SplitRecord;
import io.gmnstream.paramgraph.GraphLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gmn-stream eval}: scores a saved GMN and the baselines (fitted here on exactly the model's
 * training runs) on every run of a zoo that the model did not train on, and, when the model folder
 * has an {@code ood/} model, on its out-of-distribution split too. The work is done by
 * {@link Comparison}; this command parses options and prints. Results go to stdout, progress to stderr.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Scores a trained GMN and the StatNN and naive baselines on the runs it did not train on.")
public final class EvalCommand implements Callable<Integer> {
  /** The shipped model, under the gmn home. */
  public static final String DEFAULT_MODEL = "models/digits-gmn";

  @Spec CommandSpec spec;

  @Option(names = "--zoo", paramLabel = "DIR", required = true, description = "folder of zoo run files (bin/gmn-stream zoo)")
  Path zoo;

  @Option(names = "--model", paramLabel = "DIR",
      description = "model folder written by bin/gmn-stream train (default: " + DEFAULT_MODEL + " in the gmn home)")
  Path model;

  @ArgGroup(exclusive = true)
  Format format = new Format();

  static final class Format {
    @Option(names = "--json", description = "print one JSON object (shape in the README)")
    boolean json;

    @Option(names = "--markdown", description = "print the markdown tables of docs/RESULTS.md")
    boolean markdown;
  }

  @Override
  public Integer call() throws IOException {
    Path modelDir = modelDir();
    if (!Files.isDirectory(zoo)) {
      throw new BadInputException("no zoo folder at " + zoo + " (make one with bin/gmn-stream zoo)");
    }
    PrintWriter err = spec.commandLine().getErr();
    EngineInfo engine = DjlRuntime.start(DjlSettings.fromEnvironment(GmnHome.resolve()));
    List<EvalModel> models = new ArrayList<>();
    try {
      models.add(EvalModel.open(modelDir, SplitRecord.BY_RUN));
      Path ood = modelDir.resolve(TrainCommand.OOD_DIR);
      if (Files.isDirectory(ood)) {
        models.add(EvalModel.open(ood, SplitRecord.OOD));
      }
      progress(err, "gmn-stream eval: " + engine.describe());
      ZooCheckpoints.Zoo loaded = ZooCheckpoints.loadZoo(zoo, GraphLimits.defaults());
      progress(err, String.format(Locale.ROOT, "  zoo %s: %d runs, %d checkpoints", zoo, loaded.runFiles(),
          loaded.checkpoints().size()));
      List<SplitComparison> splits = new ArrayList<>();
      for (EvalModel m : models) {
        splits.add(compare(m, loaded, err));
      }
      // The by-run model is the one gmn-stream score uses from this folder: report its version as score does.
      print(new ComparisonReport(loaded.hash(), loaded.runFiles(), loaded.checkpoints().size(), models.get(0).version(),
          GmnModel.FORMAT_VERSION, splits));
    } finally {
      models.forEach(EvalModel::close);
    }
    return 0;
  }

  private SplitComparison compare(EvalModel m, ZooCheckpoints.Zoo loaded, PrintWriter err) {
    HeldOutSplit split = HeldOutSplit.of(loaded.checkpoints(), m.trainRuns());
    progress(err, String.format(Locale.ROOT, "  %s (%s): testing %d runs, excluding %d that the model trained on",
        m.splitName(), m.dir(), split.testRuns().size(), split.trainRuns().size()));
    Comparison comparison = new Comparison(m.policy(), Baselines.withReferences(loaded.runSettings())).withLog(line -> progress(err, "  " + line));
    try {
      return comparison.run(m.splitName(), m.description(), m.zooHash(), split, gmnPredictors(m));
    } catch (IllegalArgumentException e) {
      // Nothing left to test (e.g. the zoo holds only training runs): the input, not a bug.
      throw new BadInputException("model " + m.dir() + " on zoo " + zoo + ": " + e.getMessage(), e);
    }
  }

  /** The model folder's GMN (the mean of its ensemble), then each member alone when there are several. */
  private static List<Predictor> gmnPredictors(EvalModel m) {
    int batch = GmnFitter.Settings.defaults().evalBatchSize();
    List<Predictor> out = new ArrayList<>();
    out.add(new GmnPredictor(GmnPredictor.NAME, m.ensemble().models(), batch));
    if (m.ensemble().size() > 1) {
      for (int i = 0; i < m.ensemble().size(); i++) {
        out.add(new GmnPredictor(GmnPredictor.NAME + "/" + m.memberNames().get(i), List.of(m.ensemble().models().get(i)),
            batch));
      }
    }
    return out;
  }

  private Path modelDir() {
    Path dir = model != null ? model : GmnHome.defaultModel();
    if (!Files.isDirectory(dir)) {
      String hint = model != null ? "" : "the shipped model is not there yet; pass --model DIR, or ";
      throw new BadInputException("no model folder at " + dir + " (" + hint + "train one with bin/gmn-stream train --zoo DIR --out "
          + dir + ")");
    }
    return dir;
  }

  private void print(ComparisonReport report) {
    PrintWriter out = spec.commandLine().getOut();
    if (format.json) {
      out.println(ComparisonJson.toJsonString(report));
    } else if (format.markdown) {
      out.print(ComparisonMarkdown.render(report));
    } else {
      out.print(ComparisonText.render(report));
    }
    out.flush();
  }

  private static void progress(PrintWriter err, String line) {
    err.println(line);
    err.flush();
  }
}
