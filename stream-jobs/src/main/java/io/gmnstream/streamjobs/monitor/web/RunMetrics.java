package io.gmnstream.streamjobs.monitor.web;

import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.RunAlert;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Per-run meters for Prometheus (and so Grafana), fed by the {@link LiveFeed}:
 * <ul>
 *   <li>{@code gmn_run_predicted_test_accuracy{run_id,task}} and
 *       {@code gmn_run_predicted_generalization_gap{run_id,task}}: the latest score's predictions;
 *   <li>{@code gmn_run_latest_step{run_id,task}}: the step of the latest score;
 *   <li>{@code gmn_run_alerts_total{run_id,rule,severity,status}}: alert records seen.
 * </ul>
 * A run id is a label value, so the number of series grows with the runs: at most {@code maxRuns}
 * runs are tracked, and the run updated longest ago is dropped (all its series) to make room.
 * The counters start from zero when the monitor starts (Prometheus' {@code increase()} handles that).
 *
 * <p>Thread-safe: the feed thread records, the scrape reads the gauges' volatile values.
 */
public final class RunMetrics implements LiveFeedListener {

  public static final int DEFAULT_MAX_RUNS = 500;

  static final String PREDICTED_TEST_ACCURACY = "gmn.run.predicted.test.accuracy";
  static final String PREDICTED_GENERALIZATION_GAP = "gmn.run.predicted.generalization.gap";
  static final String LATEST_STEP = "gmn.run.latest.step";
  static final String ALERTS = "gmn.run.alerts";
  /** Prometheus drops a label with an empty value: a run without a known task gets this one. */
  static final String UNKNOWN_TASK = "unknown";

  private final MeterRegistry registry;
  private final int maxRuns;
  /** In order of last update, oldest first: the eviction order. */
  private final LinkedHashMap<String, RunMeters> runs = new LinkedHashMap<>(16, 0.75f, true);

  public RunMetrics(MeterRegistry registry, int maxRuns) {
    this.registry = Objects.requireNonNull(registry, "registry");
    if (maxRuns < 1) {
      throw new IllegalArgumentException("maxRuns must be at least 1, got " + maxRuns);
    }
    this.maxRuns = maxRuns;
  }

  public RunMetrics(MeterRegistry registry) {
    this(registry, DEFAULT_MAX_RUNS);
  }

  @Override
  public synchronized void onScore(GmnScore score) {
    RunMeters run = meters(score.getRunId());
    run.record(score);
    run.tagWithTask(score.getTask().isBlank() ? UNKNOWN_TASK : score.getTask(), registry);
  }

  @Override
  public synchronized void onAlert(RunAlert alert) {
    meters(alert.getRunId()).countAlert(alert, registry);
  }

  /** How many runs have meters now (at most {@code maxRuns}). */
  public synchronized int trackedRuns() {
    return runs.size();
  }

  private RunMeters meters(String runId) {
    RunMeters run = runs.get(runId); // access order: moves the run to the newest end
    if (run == null) {
      run = new RunMeters(runId);
      runs.put(runId, run);
      evictOldestBeyond(maxRuns);
    }
    return run;
  }

  private void evictOldestBeyond(int limit) {
    Iterator<RunMeters> oldestFirst = runs.values().iterator();
    while (runs.size() > limit) {
      oldestFirst.next().removeFrom(registry);
      oldestFirst.remove();
    }
  }

  /** One run's meters and the latest values its gauges read. */
  private static final class RunMeters {
    private final String runId;
    private final List<Meter> gauges = new ArrayList<>();
    private final Map<Tags, Counter> alertCounters = new HashMap<>();
    private String gaugedTask;
    private boolean scored;
    private volatile double predictedTestAccuracy = Double.NaN;
    private volatile double predictedGeneralizationGap = Double.NaN;
    private volatile long latestStep;

    RunMeters(String runId) {
      this.runId = runId;
    }

    void record(GmnScore score) {
      // Scores of a run arrive in partition order, which is not always step order (re-scoring):
      // the gauges show the furthest checkpoint, as the runs table does.
      if (!scored || score.getStep() >= latestStep) {
        scored = true;
        predictedTestAccuracy = score.getPredictedTestAccuracy();
        predictedGeneralizationGap = score.getPredictedGeneralizationGap();
        latestStep = score.getStep();
      }
    }

    /** Registers the gauges under the run's task, re-registering them if the task changed. */
    void tagWithTask(String task, MeterRegistry registry) {
      if (task.equals(gaugedTask)) {
        return;
      }
      gauges.forEach(registry::remove);
      gauges.clear();
      Tags tags = Tags.of("run_id", runId, "task", task);
      gauges.add(gauge(PREDICTED_TEST_ACCURACY, "Predicted test accuracy of the run's latest scored checkpoint",
          tags, run -> run.predictedTestAccuracy, registry));
      gauges.add(gauge(PREDICTED_GENERALIZATION_GAP,
          "Predicted generalisation gap (train minus test accuracy) of the run's latest scored checkpoint", tags,
          run -> run.predictedGeneralizationGap, registry));
      gauges.add(gauge(LATEST_STEP, "Training step of the run's latest scored checkpoint", tags,
          run -> run.latestStep, registry));
      gaugedTask = task;
    }

    void countAlert(RunAlert alert, MeterRegistry registry) {
      Tags tags = Tags.of("run_id", runId, "rule", alert.getRule(), "severity", alert.getSeverity().name(),
          "status", alert.getStatus().name());
      alertCounters.computeIfAbsent(tags, t -> Counter.builder(ALERTS)
          .description("Alert records about the run, raised or resolved, seen since the monitor started")
          .tags(t).register(registry)).increment();
    }

    void removeFrom(MeterRegistry registry) {
      gauges.forEach(registry::remove);
      alertCounters.values().forEach(registry::remove);
    }

    private Gauge gauge(String name, String description, Tags tags, ToDoubleFunction<RunMeters> value,
                        MeterRegistry registry) {
      return Gauge.builder(name, this, value).description(description).tags(tags).strongReference(true)
          .register(registry);
    }
  }
}
