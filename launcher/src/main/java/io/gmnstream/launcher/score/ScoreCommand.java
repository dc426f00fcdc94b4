package io.gmnstream.launcher.score;

import io.gmnstream.launcher.BadInputException;
import io.gmnstream.launcher.ExitCodes;
import io.gmnstream.launcher.GmnHome;
import io.gmnstream.launcher.OneLineErrorHandler;
import io.gmnstream.launcher.graph.GraphInput;
import io.gmnstream.launcher.graph.GraphInputReader;
import io.gmnstream.operator.djl.DjlRuntime;
import io.gmnstream.operator.djl.DjlSettings;
import io.gmnstream.operator.djl.EngineInfo;
import io.gmnstream.operator.gmn.UnsupportedModelVersionException;
import io.gmnstream.operator.score.BatchBounds;
import io.gmnstream.operator.score.GraphScore;
import io.gmnstream.operator.score.Scorer;
import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.streamjobs.graph.UnusableCheckpointException;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gmn-stream score FILE... [--model DIR] [--json]}: predicted test accuracy and
 * generalisation gap of digits networks. Every file is read on its own: one that cannot be read, or
 * is not a digits network, gets a one-line error on stderr and the others are still scored; the exit
 * status is then {@link ExitCodes#BAD_INPUT}.
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {
      "Scores networks of the digits task with the GMN: predicted test accuracy and generalisation gap.",
      "FILE is an .onnx model exported by PyTorch (input [N,64], [N,1,8,8] or [N,8,8], 10 outputs) or a "
          + "gmn-stream checkpoint file (its last checkpoint, or --step)."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:every file scored", "1:internal error",
        "2:a file or the model cannot be used (one line per problem on stderr; the other files are still scored)"})
public final class ScoreCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "networks to score")
  List<Path> files;

  @Option(names = "--model", paramLabel = "DIR",
      description = "GMN model folder (default: models/digits-gmn of the gmn-stream home)")
  Path modelDir;

  @Option(names = "--json", description = "one JSON object per scored file on stdout")
  boolean json;

  @Option(names = "--step", paramLabel = "STEP",
      description = "for checkpoint files: the step to score (default: the last checkpoint)")
  Long step;

  @Option(names = "--batch-graphs", paramLabel = "N", defaultValue = "64",
      description = "graphs per forward pass at most (default: ${DEFAULT-VALUE})")
  int batchGraphs;

  @Override
  public Integer call() throws IOException {
    Path model = modelFolder();
    BatchBounds bounds = bounds();
    EngineInfo engine = DjlRuntime.start(DjlSettings.fromEnvironment(GmnHome.resolve()));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Scorer scorer = load(model, bounds)) {
      if (!json) {
        String members = scorer.ensembleSize() > 1 ? ", an ensemble of " + scorer.ensembleSize() + " GMNs" : "";
        out.println("model " + scorer.modelVersion() + " (" + model + members + "), " + engine.describe());
      }
      List<ReadFile> read = new ArrayList<>();
      int failed = 0;
      GraphInputReader reader = new GraphInputReader(GraphLimits.defaults());
      for (Path file : files) {
        try {
          read.add(readOne(reader, file));
        } catch (IOException | RuntimeException e) {
          if (!isFileProblem(e)) {
            throw e;
          }
          err.println("gmn-stream score: " + file + ": " + OneLineErrorHandler.describe(e));
          err.flush();
          failed++;
        }
      }
      List<GraphScore> scores = scorer.score(read.stream().map(ReadFile::graph).toList());
      List<ScoredInput> scored = new ArrayList<>();
      for (int i = 0; i < read.size(); i++) {
        scored.add(new ScoredInput(read.get(i).file().toString(), read.get(i).input(), scores.get(i)));
      }
      if (json) {
        scored.forEach(s -> out.println(ScoreOutput.json(s)));
      } else {
        out.print(ScoreOutput.table(scored));
      }
      out.flush();
      return failed == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
  }

  private record ReadFile(Path file, GraphInput input, ParamGraph graph) {}

  private ReadFile readOne(GraphInputReader reader, Path file) throws IOException {
    GraphInput input = reader.read(file, null, step);
    // The input check needs only the architecture: a network for another task is refused before its weights are read.
    DigitsNetworks.checkInput(input.spec());
    ParamGraph graph = input.build();
    DigitsNetworks.checkOutputs(graph);
    return new ReadFile(file, input, graph);
  }

  /** Problems of one file (bad bytes, wrong network, unusable checkpoint), as opposed to bugs. */
  private static boolean isFileProblem(Exception e) {
    return ExitCodes.forException(e) == ExitCodes.BAD_INPUT || e instanceof UnusableCheckpointException;
  }

  private Path modelFolder() {
    Path model = modelDir != null ? modelDir : GmnHome.defaultModel();
    if (!Files.isDirectory(model)) {
      throw new BadInputException(modelDir != null ? "no GMN model folder at " + model
          : "no GMN model at " + model + " (the shipped model is missing): pass --model DIR, a folder saved by "
              + "bin/gmn-stream train --out DIR");
    }
    return model;
  }

  private BatchBounds bounds() {
    try {
      return BatchBounds.DEFAULT.withMaxGraphs(batchGraphs);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--batch-graphs: " + e.getMessage(), e);
    }
  }

  private static Scorer load(Path model, BatchBounds bounds) throws IOException {
    try {
      return Scorer.load(model, bounds);
    } catch (UnsupportedModelVersionException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }
}
