package io.gmnstream.launcher.graph;

import io.gmnstream.launcher.BadInputException;
import io.gmnstream.paramgraph.GraphException;
import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.paramgraph.ParamGraph;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gmn-stream graph FILE [--spec SPEC] [--json]}: builds one parameter graph and summarises it. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description = {
      "Builds the parameter graph of a checkpoint and prints a summary.",
      "FILE is an .onnx model, a .safetensors file (with --spec), or a gmn-stream checkpoint file (.avro)."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:graph built", "1:internal error", "2:the input cannot be used (one-line reason on stderr)"})
public final class GraphCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the checkpoint or model to read")
  Path file;

  @Option(names = "--spec", paramLabel = "SPEC",
      description = "native layer spec (gmn-layers/1 JSON) describing the architecture of a .safetensors FILE")
  Path layerSpec;

  @Option(names = "--step", paramLabel = "STEP",
      description = "for a checkpoint file holding several checkpoints: the step to use (default: the last)")
  Long step;

  @Option(names = "--json", description = "print one JSON object instead of the text summary")
  boolean json;

  @Option(names = "--max-parameters", paramLabel = "N",
      description = "refuse a network with more parameters than this, before reading its weights (default: ${DEFAULT-VALUE})")
  long maxParameters = GraphLimits.defaults().maxParameters();

  @Option(names = "--max-file-bytes", paramLabel = "N",
      description = "refuse a file larger than this (default: ${DEFAULT-VALUE})")
  long maxFileBytes = GraphLimits.defaults().maxFileBytes();

  @Override
  public Integer call() throws Exception {
    GraphInputReader reader = new GraphInputReader(limits());
    GraphInput input;
    ParamGraph graph;
    double buildMillis;
    try {
      input = reader.read(file, layerSpec, step);
      long started = System.nanoTime();
      graph = input.build();
      buildMillis = (System.nanoTime() - started) / 1e6;
    } catch (GraphException e) {
      // The graph library names the byte, node, layer or tensor; the user also needs the file.
      throw new BadInputException(file.getFileName() + ": " + e.getMessage(), e);
    }

    PrintWriter out = spec.commandLine().getOut();
    GraphSummary summary = GraphSummary.of(graph, input, buildMillis);
    out.println(json ? summary.toJson() : summary.toText());
    out.flush();
    return 0;
  }

  private GraphLimits limits() {
    try {
      return GraphLimits.defaults().withMaxParameters(maxParameters).withMaxFileBytes(maxFileBytes);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage().replace("GraphLimits.maxParameters", "--max-parameters")
          .replace("GraphLimits.maxFileBytes", "--max-file-bytes"), e);
    }
  }
}
