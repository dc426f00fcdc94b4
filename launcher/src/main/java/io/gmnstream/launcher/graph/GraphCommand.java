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

  @Override
  public Integer call() throws Exception {
    GraphInputReader reader = new GraphInputReader(GraphLimits.defaults());
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
}
