package io.gmnstream.launcher.bench;

import io.gmnstream.operator.score.BatchListener;
import io.gmnstream.operator.score.Scorer;
import io.gmnstream.paramgraph.ParamGraph;
import java.util.List;
import java.util.Objects;

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
    double[] rate = new double[repetitions];
    double[] build = new double[repetitions];
    double[] forward = new double[repetitions];
    double[] cpu = new double[repetitions];
    for (int r = -warmup; r < repetitions; r++) {
      Timing timing = new Timing();
      long cpuStarted = ProcessCpu.nanos();
      long started = System.nanoTime();
      for (int b = 0; b < batches; b++) {
        scorer.score(graphs.subList(b * batchGraphs, (b + 1) * batchGraphs), timing);
      }
      long wall = System.nanoTime() - started;
      if (r >= 0) {
        rate[r] = graphs.size() / (wall / 1e9);
        build[r] = timing.buildNanos / 1e6 / batches;
        forward[r] = timing.forwardNanos / 1e6 / batches;
        cpu[r] = (ProcessCpu.nanos() - cpuStarted) / 1e6 / batches;
      }
    }
    return new Throughput(batchGraphs, graphs.size(), Samples.of(rate), Samples.of(build), Samples.of(forward),
        Samples.of(cpu));
  }

  /** Scores {@code graph} alone, once per repetition. */
  Latency latency(ParamGraph graph) {
    double[] total = new double[repetitions];
    double[] build = new double[repetitions];
    double[] forward = new double[repetitions];
    double[] cpu = new double[repetitions];
    for (int r = -warmup; r < repetitions; r++) {
      Timing timing = new Timing();
      long cpuStarted = ProcessCpu.nanos();
      long started = System.nanoTime();
      scorer.score(List.of(graph), timing);
      long wall = System.nanoTime() - started;
      if (r >= 0) {
        total[r] = wall / 1e6;
        build[r] = timing.buildNanos / 1e6;
        forward[r] = timing.forwardNanos / 1e6;
        cpu[r] = (ProcessCpu.nanos() - cpuStarted) / 1e6;
      }
    }
    return new Latency(Samples.of(total), Samples.of(build), Samples.of(forward), Samples.of(cpu));
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
