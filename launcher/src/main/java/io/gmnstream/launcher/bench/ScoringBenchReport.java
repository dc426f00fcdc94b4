package io.gmnstream.launcher.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmnstream.operator.djl.EngineInfo;
import io.gmnstream.operator.gmn.GmnConfig;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of {@code bench scoring} as a table and as one JSON object. JSON keys are stable
 * (scripts and docs/BENCHMARKS.md read them): extend, never rename.
 */
final class ScoringBenchReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  record ThroughputRow(String network, int edgesPerGraph, ScoringBench.Throughput figures) {
    String text() {
      Samples rate = figures.graphsPerSecond();
      return String.format(Locale.ROOT, "%-14s %8s %6d %12.1f %10.1f - %-10.1f %12.2f %12.2f %12.2f", network,
          String.format(Locale.ROOT, "%,d", edgesPerGraph), figures.batchGraphs(), rate.median(), rate.min(), rate.max(),
          figures.buildMillisPerBatch().median(), figures.forwardMillisPerBatch().median(),
          figures.cpuMillisPerBatch().median());
    }
  }

  record LatencyRow(String network, int nodes, int edges, ScoringBench.Latency figures) {
    String text() {
      return String.format(Locale.ROOT, "%-16s %10s %10s %12.1f %10.1f %12.1f %12.1f %12.1f", network,
          String.format(Locale.ROOT, "%,d", nodes), String.format(Locale.ROOT, "%,d", edges), figures.millis().median(),
          figures.millis().percentile(90), figures.buildMillis().median(), figures.forwardMillis().median(),
          figures.cpuMillis().median());
    }
  }

  private final EngineInfo engine;
  private final String modelDescription;
  private final String modelVersion;
  private final GmnConfig config;
  private final int warmup;
  private final int repetitions;
  private final int scoringThreads;
  private final List<ThroughputRow> throughput = new ArrayList<>();
  // Other processes on the machine slow every figure down: the load average says how busy it was.
  private final double loadAtStart = loadAverage();
  private LatencyRow latency;

  ScoringBenchReport(EngineInfo engine, String modelDescription, String modelVersion, GmnConfig config,
      int scoringThreads, int warmup, int repetitions) {
    this.engine = engine;
    this.scoringThreads = scoringThreads;
    this.modelDescription = modelDescription;
    this.modelVersion = modelVersion;
    this.config = config;
    this.warmup = warmup;
    this.repetitions = repetitions;
  }

  void add(ThroughputRow row) {
    throughput.add(row);
  }

  void latency(LatencyRow row) {
    latency = row;
  }

  String header() {
    return String.format(Locale.ROOT, "gmn-stream bench scoring on %s%n  %s%n  model %s: %s%n  GMN hidden %d, layers %d, "
            + "head %d, value frequencies %d; %d scoring thread(s); %d warm-up + %d measured repetitions; Java %s, %d cores, "
            + "load average %.2f",
        engine.device(), engine.describe(), modelVersion, modelDescription, config.hidden(), config.layers(),
        config.headHidden(), config.valueFrequencies(), scoringThreads, warmup, repetitions, Runtime.version(),
        Runtime.getRuntime().availableProcessors(), loadAtStart);
  }

  static String throughputHeader() {
    return String.format(Locale.ROOT, "%nthroughput (build, forward and process CPU ms are per batch)%n"
            + "%-14s %8s %6s %12s %23s %12s %12s %12s", "network", "edges", "batch", "graphs/s", "(min - max)",
        "build ms", "forward ms", "cpu ms");
  }

  static String latencyHeader() {
    return String.format(Locale.ROOT, "%nlatency of one graph%n%-16s %10s %10s %12s %10s %12s %12s %12s", "network",
        "nodes", "edges", "median ms", "p90 ms", "build ms", "forward ms", "cpu ms");
  }

  String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("benchmark", "scoring");
    root.put("device", engine.device().toString());
    root.put("engine", engine.engineName() + " " + engine.engineVersion());
    root.put("djl", engine.djlVersion());
    root.put("threads", engine.settings().numThreads());
    root.put("scoringThreads", scoringThreads);
    root.put("cores", Runtime.getRuntime().availableProcessors());
    root.put("java", Runtime.version().toString());
    root.put("loadAverageAtStart", round(loadAtStart));
    root.put("loadAverageAtEnd", round(loadAverage()));
    root.put("modelVersion", modelVersion);
    root.put("model", modelDescription);
    ObjectNode gmn = root.putObject("modelConfig");
    gmn.put("hidden", config.hidden());
    gmn.put("layers", config.layers());
    gmn.put("headHidden", config.headHidden());
    gmn.put("valueFrequencies", config.valueFrequencies());
    root.put("warmup", warmup);
    root.put("repetitions", repetitions);
    ArrayNode rows = root.putArray("throughput");
    for (ThroughputRow row : throughput) {
      ScoringBench.Throughput t = row.figures();
      ObjectNode o = rows.addObject();
      o.put("network", row.network());
      o.put("edgesPerGraph", row.edgesPerGraph());
      o.put("batchGraphs", t.batchGraphs());
      o.put("graphsPerRepetition", t.graphs());
      o.put("graphsPerSecondMedian", round(t.graphsPerSecond().median()));
      o.put("graphsPerSecondMin", round(t.graphsPerSecond().min()));
      o.put("graphsPerSecondMax", round(t.graphsPerSecond().max()));
      o.put("buildMillisPerBatchMedian", round(t.buildMillisPerBatch().median()));
      o.put("forwardMillisPerBatchMedian", round(t.forwardMillisPerBatch().median()));
      o.put("processCpuMillisPerBatchMedian", round(t.cpuMillisPerBatch().median()));
    }
    if (latency != null) {
      ObjectNode o = root.putObject("latency");
      ScoringBench.Latency l = latency.figures();
      o.put("network", latency.network());
      o.put("nodes", latency.nodes());
      o.put("edges", latency.edges());
      o.put("millisMedian", round(l.millis().median()));
      o.put("millisP90", round(l.millis().percentile(90)));
      o.put("buildMillisMedian", round(l.buildMillis().median()));
      o.put("forwardMillisMedian", round(l.forwardMillis().median()));
      o.put("processCpuMillisMedian", round(l.cpuMillis().median()));
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the benchmark as JSON", e);
    }
  }

  /** The system's one-minute load average, or -1 where the platform has none. */
  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
