package io.gmnstream.launcher.demo;

import io.gmnstream.launcher.GmnHome;
import io.gmnstream.launcher.graph.GraphInput;
import io.gmnstream.launcher.graph.GraphInputReader;
import io.gmnstream.paramgraph.GraphException;
import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.paramgraph.ParamGraph;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gmn-stream demo}. Until the streaming pipeline lands, the demo builds the parameter graphs of
 * the bundled example networks (ONNX exports, safetensors with a native spec, and a gmn-stream
 * checkpoint file written on the fly), then publishes them as runs and checkpoints to an in-process
 * Kafka broker through the schema registry and builds the graphs again from what it consumes.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Shows gmn-stream on bundled example networks trained on the digits task.")
public final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--examples", paramLabel = "DIR",
      description = "folder of example networks (default: the examples/ folder of the project)")
  Path examples;

  @Option(names = "--no-kafka", description = "skip the part that runs through the in-process Kafka broker")
  boolean noKafka;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path folder = examples != null ? examples : GmnHome.examples();
    PrintWriter out = spec.commandLine().getOut();
    GraphInputReader reader = new GraphInputReader(GraphLimits.defaults());
    Path work = Files.createTempDirectory("gmn-demo");
    try {
      List<DemoInput> networks = ExampleNetworks.find(folder);
      List<DemoInput> inputs = new ArrayList<>(networks);
      inputs.add(ExampleNetworks.checkpointFileFrom(networks, work));
      out.printf(Locale.ROOT, "gmn-stream demo: parameter graphs of %d example networks from %s%n%n",
          inputs.size(), folder);
      out.println(DemoTable.header("network", "format"));
      int failures = 0;
      for (DemoInput input : inputs) {
        failures += showOne(reader, input, out) ? 0 : 1;
      }
      out.println();
      if (!noKafka) {
        failures += new KafkaDemo(out).run(networks);
        out.println();
      }
      out.println("Every learnable parameter is one edge: edges = parameters + residual edges.");
      out.println("Build times are single cold runs (class loading and JIT included); see docs/BENCHMARKS.md.");
      out.println("Try: bin/gmn-stream graph examples/digits-mlp.onnx --json");
      out.flush();
      return failures == 0 ? 0 : 1;
    } finally {
      deleteRecursively(work);
    }
  }

  private static boolean showOne(GraphInputReader reader, DemoInput input, PrintWriter out) throws IOException {
    GraphInput graphInput = reader.read(input.file(), input.layerSpec(), null);
    try {
      long started = System.nanoTime();
      ParamGraph graph = graphInput.build();
      double millis = (System.nanoTime() - started) / 1e6;
      out.println(DemoTable.row(input.label(), graphInput.format().wireName(), graph, millis));
      return true;
    } catch (GraphException e) {
      out.println(DemoTable.failedRow(input.label(), graphInput.format().wireName(), e.getMessage()));
      return false;
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
