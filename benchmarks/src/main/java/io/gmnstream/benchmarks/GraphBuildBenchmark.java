package io.gmnstream.benchmarks;

import io.gmnstream.paramgraph.GraphBuilder;
import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.tensor.MapTensorSource;
import io.gmnstream.paramgraph.tensor.SafetensorsReader;
import io.gmnstream.paramgraph.tensor.SafetensorsWriter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Graph building on one core. {@code build} starts from decoded float tensors; {@code fromSafetensors}
 * starts from the checkpoint bytes (header parse + little-endian decode + build), which is what the
 * pipeline does. The {@code edges} counter gives edges per second; run with {@code -prof gc} for the
 * bytes allocated per build.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-XX:+UseParallelGC"})
public class GraphBuildBenchmark {

  @Param({"dense", "conv", "attention"})
  public String kind;

  @Param({"4k", "1M", "20M"})
  public String size;

  private NetworkSpec spec;
  private MapTensorSource tensors;
  private byte[] safetensors;
  private GraphBuilder builder;
  private SafetensorsReader reader;

  /** Edges built, reported by JMH as edges per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Edges {
    public long edges;

    @Setup(Level.Iteration)
    public void reset() {
      edges = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    BenchmarkNetworks.Network network = BenchmarkNetworks.of(kind, BenchmarkNetworks.parseSize(size), 42);
    spec = network.spec();
    tensors = network.tensors();
    safetensors = SafetensorsWriter.write(tensors.asMap().values());
    GraphLimits limits = GraphLimits.defaults();
    builder = new GraphBuilder(limits);
    reader = new SafetensorsReader(limits);
  }

  @Benchmark
  public ParamGraph build(Edges counter) {
    ParamGraph graph = builder.build(spec, tensors);
    counter.edges += graph.numEdges();
    return graph;
  }

  @Benchmark
  public ParamGraph fromSafetensors(Edges counter) {
    ParamGraph graph = builder.build(spec, reader.read(safetensors));
    counter.edges += graph.numEdges();
    return graph;
  }
}
