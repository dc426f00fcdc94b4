package io.gmnstream.launcher.bench;

import io.gmnstream.operator.score.BatchListener;
import io.gmnstream.operator.score.Scorer;
import io.gmnstream.paramgraph.ParamGraph;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The measurements of {@code bench scoring}, on an already started engine and a loaded scorer.
 * Wall time covers what a caller of {@link Scorer#score} waits for; the scorer's
 * {@link BatchListener} splits it into batch building (Java packing + tensor creation) and the
 * forward pass. CPU time of the whole process is recorded too: on a shared machine wall time
 * includes waiting for a core, CPU time much less so.
 */
final class ScoringBench {

  /** Per repetition: {@code graphs} scored in passes of {@code batchGraphs}. */
  record Throughput(int batchGraphs, int graphs, Samples graphsPerSecond, Samples buildMillisPerBatch,
      Samples forwardMillisPerBatch, Samples cpuMillisPerBatch) {}

  /** Per repetition: one graph scored alone. */
  record Latency(Samples millis, Samples buildMillis, Samples forwardMillis, Samples cpuMillis) {}

  private final Scorer scorer;
  private final int warmup;
  private final int repetitions;

  ScoringBench(Scorer scorer, int warmup, int repetitions) {
    this.scorer = Objects.requireNonNull(scorer, "scorer");
    if (warmup < 0 || repetitions < 1) {
      throw new IllegalArgumentException("warm-up >= 0 and repetitions >= 1 required");
    }
    this.warmup = warmup;
    this.repetitions = repetitions;
  }

  /** Scores all of {@code graphs} per repetition, {@code batchGraphs} per forward pass. */
  Throughput throughput(List<ParamGraph> graphs, int batchGraphs) {
    if (graphs.size() % batchGraphs != 0) {
      throw new IllegalArgumentException(graphs.size() + " graphs do not split into batches of " + batchGraphs);
    }
    int batches = graphs.size() / batchGraphs;
    Measured m = repeat(timing -> {
      for (int b = 0; b < batches; b++) {
        scorer.score(graphs.subList(b * batchGraphs, (b + 1) * batchGraphs), timing);
      }
    });
    double[] rate = new double[repetitions];
    for (int r = 0; r < repetitions; r++) {
      rate[r] = graphs.size() / (m.wallNanos[r] / 1e9);
    }
    double millisPerBatch = 1e6 * batches;
    return new Throughput(batchGraphs, graphs.size(), Samples.of(rate), scaled(m.buildNanos, millisPerBatch),
        scaled(m.forwardNanos, millisPerBatch), scaled(m.cpuNanos, millisPerBatch));
  }

  /** Scores {@code graph} alone, once per repetition. */
  Latency latency(ParamGraph graph) {
    Measured m = repeat(timing -> scorer.score(List.of(graph), timing));
    return new Latency(scaled(m.wallNanos, 1e6), scaled(m.buildNanos, 1e6), scaled(m.forwardNanos, 1e6),
        scaled(m.cpuNanos, 1e6));
  }

  /** Runs {@code pass} {@code warmup} times unmeasured, then {@code repetitions} times measured. */
  private Measured repeat(Consumer<Timing> pass) {
    Measured m = new Measured(repetitions);
    for (int r = -warmup; r < repetitions; r++) {
      Timing timing = new Timing();
      long cpuStarted = ProcessCpu.nanos();
      long started = System.nanoTime();
      pass.accept(timing);
      long wall = System.nanoTime() - started;
      if (r >= 0) {
        m.wallNanos[r] = wall;
        m.buildNanos[r] = timing.buildNanos;
        m.forwardNanos[r] = timing.forwardNanos;
        m.cpuNanos[r] = ProcessCpu.nanos() - cpuStarted;
      }
    }
    return m;
  }

  /** Nanoseconds per measured repetition: wall time, the scorer's batch building and forward passes, process CPU. */
  private static final class Measured {
    final double[] wallNanos;
    final double[] buildNanos;
    final double[] forwardNanos;
    final double[] cpuNanos;

    Measured(int repetitions) {
      wallNanos = new double[repetitions];
      buildNanos = new double[repetitions];
      forwardNanos = new double[repetitions];
      cpuNanos = new double[repetitions];
    }
  }

  /** The samples of {@code nanos}, each divided by {@code divisor} (1e6: milliseconds). */
  private static Samples scaled(double[] nanos, double divisor) {
    double[] v = new double[nanos.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = nanos[i] / divisor;
    }
    return Samples.of(v);
  }

  /** Sums the scorer's per-pass timings. */
  private static final class Timing implements BatchListener {
    long buildNanos;
    long forwardNanos;

    @Override
    public void onBatch(BatchStats stats) {
      buildNanos += stats.buildNanos();
      forwardNanos += stats.forwardNanos();
    }
  }
}
