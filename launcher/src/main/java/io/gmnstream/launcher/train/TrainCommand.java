package io.gmnstream.launcher.train;

import io.gmnstream.launcher.BadInputException;
import io.gmnstream.launcher.GmnHome;
import io.gmnstream.operator.dataset.LabelledCheckpoint;
import io.gmnstream.operator.dataset.RunSplit;
import io.gmnstream.operator.dataset.ZooCheckpoints;
import io.gmnstream.operator.djl.DjlRuntime;
import io.gmnstream.operator.djl.DjlSettings;
import io.gmnstream.operator.gmn.GmnConfig;
import io.gmnstream.operator.learn.EvalReport;
import io.gmnstream.operator.learn.GmnFitter;
import io.gmnstream.operator.learn.SplitRecord;
import io.gmnstream.operator.outcomes.HeldOutRuns;
import io.gmnstream.operator.outcomes.OutcomeTrainer;
import io.gmnstream.operator.outcomes.PublishRule;
import io.gmnstream.paramgraph.GraphLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gmn-stream train}: fits the GMN on a model zoo, split BY RUN (no checkpoint of a test run is
 * seen in training), reports Kendall tau, R^2 and MAE on the held-out runs (overall and per family),
 * optionally also on the out-of-distribution width split, and saves the model with the zoo's hash,
 * the training settings and those figures.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Trains the GMN on a model zoo and evaluates it on held-out runs.",
        "With --from-topic: learns from reported run outcomes (gmn.graphs + gmn.run-outcomes) and publishes "
            + "the new model to --model-dir only if it beats the current one on held-out runs."})
public final class TrainCommand implements Callable<Integer> {
  /** Sub-folder of the model folder that holds the out-of-distribution model ({@code --ood}). */
  public static final String OOD_DIR = "ood";
  /** Share of the runs, the widest, that the out-of-distribution split tests on. */
  static final double OOD_TEST_FRACTION = 0.3;

  @Spec CommandSpec spec;

  @Option(names = "--zoo", paramLabel = "DIR",
      description = "folder of zoo run files (bin/gmn-stream zoo); required, except with --from-topic where it adds base examples")
  Path zoo;

  @Option(names = "--out", paramLabel = "DIR", description = "where the trained model is saved (required without --from-topic)")
  Path modelDir;

  @Option(names = "--epochs", defaultValue = "20", description = "training epochs (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--max-steps", defaultValue = "0", description = "stop after this many steps (0: no limit)")
  int maxSteps;

  @Option(names = "--learning-rate", defaultValue = "0.001", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
  float learningRate;

  @Option(names = "--gap-weight", defaultValue = "0.1",
      description = "weight of the generalisation-gap target in the loss, relative to test accuracy (default: ${DEFAULT-VALUE})")
  float gapWeight;

  @Option(names = "--symmetry-augment", paramLabel = "SPREAD", defaultValue = "0",
      description = "rescale the training networks' hidden units at random without changing what they compute: "
          + "relu units by exp(u), u uniform in [-SPREAD, SPREAD], tanh units by -1 at random; 0 is off (default: ${DEFAULT-VALUE})")
  float symmetryAugment;

  @Option(names = "--member", paramLabel = "NAME",
      description = "add this model to the ensemble in --out as <out>/members/NAME (and <out>/ood/members/NAME with --ood) "
          + "instead of replacing the model there; it must train on the same runs (same zoo, --test-fraction and --seed)")
  String member;

  @Option(names = "--hidden", defaultValue = "32", description = "GMN hidden width (default: ${DEFAULT-VALUE})")
  int hidden;

  @Option(names = "--layers", defaultValue = "2", description = "message-passing layers (default: ${DEFAULT-VALUE})")
  int layers;

  @Option(names = "--test-fraction", defaultValue = "0.2", description = "share of runs held out (default: ${DEFAULT-VALUE})")
  double testFraction;

  @Option(names = "--seed", defaultValue = "7", description = "split and training seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--ood", description = "also train on narrow networks and test on the widest ~30%% of runs; that model is saved in <out>/ood")
  boolean ood;

  @Option(names = "--replay-outcomes", paramLabel = "N", split = ",",
      description = "replay the --zoo's runs as outcomes arriving in these growing amounts (e.g. 25,50,100,200), "
          + "retraining after each the model in --out (first a copy of --start-model, or untrained), and print the "
          + "held-out error table")
  List<Integer> replayOutcomes;

  @Option(names = "--start-model", paramLabel = "DIR",
      description = "with --replay-outcomes: the model served before any outcome arrives (default: an untrained one)")
  Path startModel;

  @Option(names = "--fine-tune",
      description = "with --from-topic or --replay-outcomes: each candidate goes on training the served model "
          + "instead of starting from scratch (--hidden and --layers are then the served model's)")
  boolean fineTune;

  @ArgGroup(exclusive = false, heading = "%nLearning from outcomes (--from-topic):%n")
  FromTopicOptions fromTopic;

  @Override
  public Integer call() throws IOException {
    if (fromTopic != null) {
      return new FromTopicTraining(fromTopic, zoo, outcomeConfig(fromTopic.minOutcomes), spec.commandLine().getOut())
          .run();
    }
    if (zoo == null || modelDir == null) {
      throw new BadInputException("train needs --zoo DIR and --out DIR (or --from-topic, see --help)");
    }
    if (replayOutcomes != null) {
      return new ReplayOutcomes(zoo, modelDir, startModel, replayOutcomes, outcomeConfig(2), spec.commandLine().getOut())
          .run();
    }
    if (startModel != null || fineTune) {
      throw new BadInputException("--start-model and --fine-tune go with --replay-outcomes or --from-topic");
    }
    GmnFitter.Settings settings;
    GmnConfig config;
    try {
      settings = trainingSettings();
      config = GmnConfig.builder().hidden(hidden).layers(layers).build();
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    EnsembleTarget target = EnsembleTarget.of(modelDir, member);
    PrintWriter out = spec.commandLine().getOut();
    out.println("gmn-stream train: " + DjlRuntime.start(DjlSettings.fromEnvironment(GmnHome.resolve())).describe());

    if (!Files.isDirectory(zoo)) {
      throw new BadInputException("no zoo folder at " + zoo + " (make one with bin/gmn-stream zoo)");
    }
    ZooCheckpoints.Zoo loaded = ZooCheckpoints.loadZoo(zoo, GraphLimits.defaults());
    List<LabelledCheckpoint> all = loaded.checkpoints();
    out.printf(Locale.ROOT, "  zoo %s: %d runs, %d checkpoints, hash %s%n", zoo, loaded.runFiles(), all.size(), loaded.hash());
    out.flush();

    Map<String, EvalReport> reports = new LinkedHashMap<>();
    RunSplit byRun = RunSplit.byRun(all, testFraction, seed);
    int width = RunSplit.widthQuantile(all, OOD_TEST_FRACTION);
    RunSplit oodSplit = ood ? RunSplit.outOfDistribution(all, width) : null;
    target.check(byRun.trainRuns(), ood ? oodSplit.trainRuns() : null);
    try (GmnFitter.Fit fit = fitAndReport("by-run", byRun, config, settings, out, reports)) {
      if (ood) {
        // Saved next to the by-run model (same format) so that eval can rebuild its split and score it again.
        try (GmnFitter.Fit oodFit = fitAndReport("ood", oodSplit, config, settings, out, reports)) {
          GmnFitter.save(oodFit, target.oodDir(), loaded.hash(), Map.of("ood", reports.get("ood")),
              SplitRecord.outOfDistribution(oodSplit, width, OOD_TEST_FRACTION));
        }
      }
      GmnFitter.save(fit, target.byRunDir(), loaded.hash(), reports, SplitRecord.byRun(byRun, testFraction, seed));
    }
    out.println("  model saved to " + target.byRunDir() + (ood ? " (out-of-distribution model in " + target.oodDir() + ")" : ""));
    return 0;
  }

  /** The fitter's settings from the options; throws IllegalArgumentException on a bad value. */
  private GmnFitter.Settings trainingSettings() {
    return GmnFitter.Settings.defaults().withEpochs(epochs).withMaxSteps(maxSteps).withLearningRate(learningRate)
        .withGapWeight(gapWeight).withSeed(seed).withSymmetryLogSpread(symmetryAugment);
  }

  /** The retraining rounds' settings, from the same options as a zoo training. */
  private OutcomeTrainer.Config outcomeConfig(int minOutcomes) {
    try {
      return new OutcomeTrainer.Config(GmnConfig.builder().hidden(hidden).layers(layers).build(),
          trainingSettings(),
          new HeldOutRuns(testFraction, seed), minOutcomes, PublishRule.defaults(),
          fineTune ? OutcomeTrainer.Start.CURRENT_MODEL : OutcomeTrainer.Start.SCRATCH);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }

  private GmnFitter.Fit fitAndReport(String name, RunSplit split, GmnConfig config, GmnFitter.Settings settings,
      PrintWriter out, Map<String, EvalReport> reports) {
    out.printf(Locale.ROOT, "%n%s: %s; train %d checkpoints of %d runs, test %d of %d runs%n", name, split.description(),
        split.train().size(), split.trainRuns().size(), split.test().size(), split.testRuns().size());
    out.flush();
    GmnFitter.Fit fit = new GmnFitter(config, settings).withLog(line -> { out.println("  " + line); out.flush(); })
        .fit(split.train());
    out.printf(Locale.ROOT, "  train loss %.5f -> %.5f in %d steps, %.1f s%n",
        fit.initialTrainLoss(), fit.finalTrainLoss(), fit.steps(), fit.seconds());
    EvalReport report = GmnFitter.evaluate(fit, split.test(), split.description());
    reports.put(name, report);
    out.print(report.summary());
    out.flush();
    return fit;
  }
}
