package io.gmnstream.launcher.bench;

import io.gmnstream.launcher.BadInputException;
import io.gmnstream.launcher.GmnHome;
import io.gmnstream.operator.djl.DjlRuntime;
import io.gmnstream.operator.djl.DjlSettings;
import io.gmnstream.operator.djl.EngineInfo;
import io.gmnstream.operator.gmn.GmnConfig;
import io.gmnstream.operator.gmn.GmnModel;
import io.gmnstream.operator.gmn.UnsupportedModelVersionException;
import io.gmnstream.operator.score.BatchBounds;
import io.gmnstream.operator.score.Scorer;
import io.gmnstream.operator.service.ScoringServiceConfig;
import io.gmnstream.paramgraph.ParamGraph;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gmn-stream bench scoring}: GMN scoring throughput on digits-sized graphs at several batch
 * sizes, and the latency of one ~1M-edge graph, on the device DJL picked. Scoring cost depends on
 * the model's shape (hidden width, layers), not on its weights, so a random model of the given shape
 * stands in when the shipped one is missing.
 */
@Command(name = "scoring", mixinStandardHelpOptions = true,
    description = {"Measures GMN scoring: throughput (graphs/s) on ~5k-edge digits MLPs at several batch sizes, "
        + "and the latency of one ~1M-edge graph. Prints a table; with --json, one JSON object as the last line."})
public final class ScoringBenchCommand implements Callable<Integer> {
  /** Digits MLP 64-64-10: 4,810 edges, the size of a typical zoo network. */
  static final int[] DIGITS_MLP = {64, 64, 10};
  /** 1,050,624 edges: the large-checkpoint case. */
  static final int[] LARGE_MLP = {512, 1024, 512};
  /** --small, for tests: same code paths on graphs that score in milliseconds. */
  static final int[] SMALL_MLP = {16, 8, 4};
  static final int[] SMALL_LARGE_MLP = {64, 64, 10};

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "also print one JSON object with every figure as the last line")
  boolean json;

  @Option(names = "--batch-graphs", split = ",", paramLabel = "N[,N...]", defaultValue = "1,16,64",
      description = "batch sizes to measure (default: ${DEFAULT-VALUE})")
  List<Integer> batchGraphs;

  @Option(names = "--repetitions", defaultValue = "5", description = "measured repetitions (default: ${DEFAULT-VALUE})")
  int repetitions;

  @Option(names = "--warmup", defaultValue = "2", description = "unmeasured repetitions first (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--model", paramLabel = "DIR",
      description = "GMN model folder (default: models/digits-gmn of the gmn-stream home if present, else a random model)")
  Path modelDir;

  @Option(names = "--random", description = "use a random model of --hidden/--layers even if a shipped model exists")
  boolean random;

  @Option(names = "--hidden", defaultValue = "32", description = "random model: hidden width (default: ${DEFAULT-VALUE})")
  int hidden;

  @Option(names = "--layers", defaultValue = "2", description = "random model: message-passing layers (default: ${DEFAULT-VALUE})")
  int layers;

  @Option(names = "--scoring-threads", paramLabel = "N", defaultValue = "1",
      description = "model copies scoring the parts of each pass side by side, as the operator's "
          + "scoringThreads; the cores are shared out among them unless ai.djl.pytorch.num_threads is set "
          + "(default: ${DEFAULT-VALUE})")
  int scoringThreads;

  @Option(names = "--small", description = "tiny graphs instead of 5k and 1M edges (a smoke test, not a measurement)")
  boolean small;

  @Override
  public Integer call() throws IOException {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    EngineInfo engine = DjlRuntime.start(DjlSettings.fromEnvironment(GmnHome.resolve()).sharedBy(scoringThreads));
    int[] perGraph = small ? SMALL_MLP : DIGITS_MLP;
    int[] large = small ? SMALL_LARGE_MLP : LARGE_MLP;
    int pool = batchGraphs.stream().mapToInt(Integer::intValue).max().orElseThrow();
    try (ModelChoice model = chooseModel()) {
      ScoringBenchReport report = new ScoringBenchReport(engine, model.description, model.scorer.modelVersion(),
          model.scorer.config(), model.scorer.workers(), warmup, repetitions);
      out.println(report.header());
      out.flush();
      // Every batch size scores the same graphs per repetition: the largest batch size's worth.
      List<ParamGraph> graphs = BenchNetworks.mlps(pool, 1, perGraph);
      ScoringBench bench = new ScoringBench(model.scorer, warmup, repetitions);
      out.println(ScoringBenchReport.throughputHeader());
      for (int b : batchGraphs) {
        ScoringBenchReport.ThroughputRow row = new ScoringBenchReport.ThroughputRow(BenchNetworks.name(perGraph),
            graphs.get(0).numEdges(), bench.throughput(graphs, b));
        report.add(row);
        out.println(row.text());
        out.flush();
      }
      ParamGraph big = BenchNetworks.mlp(2, large);
      ScoringBenchReport.LatencyRow latency = new ScoringBenchReport.LatencyRow(BenchNetworks.name(large),
          big.numNodes(), big.numEdges(), bench.latency(big));
      report.latency(latency);
      out.println(ScoringBenchReport.latencyHeader());
      out.println(latency.text());
      if (json) {
        out.println(report.toJson());
      }
      out.flush();
    }
    return 0;
  }

  private void validate() {
    if (batchGraphs.isEmpty() || batchGraphs.stream().anyMatch(b -> b < 1)) {
      throw new BadInputException("--batch-graphs needs positive sizes, got " + batchGraphs);
    }
    int pool = batchGraphs.stream().mapToInt(Integer::intValue).max().orElseThrow();
    List<Integer> uneven = new ArrayList<>();
    for (int b : batchGraphs) {
      if (pool % b != 0) {
        uneven.add(b);
      }
    }
    if (!uneven.isEmpty()) {
      // Every size scores the same pool of graphs (the largest size), so each must divide it.
      throw new BadInputException("--batch-graphs: " + uneven + " must divide the largest size " + pool);
    }
    if (scoringThreads < 1 || scoringThreads > ScoringServiceConfig.MAX_SCORING_THREADS) {
      throw new BadInputException("--scoring-threads must be in 1.." + ScoringServiceConfig.MAX_SCORING_THREADS
          + ", got " + scoringThreads);
    }
    if (repetitions < 1 || warmup < 0) {
      throw new BadInputException("--repetitions must be at least 1 and --warmup at least 0");
    }
  }

  /** The scorer measured and how it was chosen. */
  private record ModelChoice(Scorer scorer, String description) implements AutoCloseable {
    @Override
    public void close() {
      scorer.close();
    }
  }

  private ModelChoice chooseModel() throws IOException {
    BatchBounds unbounded = new BatchBounds(Integer.MAX_VALUE, Long.MAX_VALUE);
    Path shipped = GmnHome.defaultModel();
    Path dir = modelDir != null ? modelDir : shipped;
    if (!random && (modelDir != null || Files.isDirectory(shipped))) {
      try {
        return new ModelChoice(Scorer.load(dir, unbounded, scoringThreads), "loaded from " + dir);
      } catch (UnsupportedModelVersionException e) {
        throw new BadInputException(e.getMessage(), e);
      }
    }
    GmnConfig config;
    try {
      config = GmnConfig.builder().hidden(hidden).layers(layers).build();
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    String why = random ? "--random" : "no model at " + shipped;
    List<GmnModel> copies = new ArrayList<>(scoringThreads);
    try {
      for (int i = 0; i < scoringThreads; i++) {
        copies.add(GmnModel.create(config, 1));
      }
      return new ModelChoice(new Scorer(copies, "random", unbounded),
          "random weights (" + why + "; scoring cost does not depend on the weights)");
    } catch (RuntimeException e) {
      copies.forEach(GmnModel::close);
      throw e;
    }
  }
}
