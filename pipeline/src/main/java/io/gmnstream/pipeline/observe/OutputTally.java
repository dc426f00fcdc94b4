package io.gmnstream.pipeline.observe;

import io.gmnstream.schemas.avro.AlertStatus;
import io.gmnstream.schemas.avro.DeadLetter;
import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.RunAlert;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Counts what came out of the pipeline and checks its promises: each (run, step) scored once, a
 * run's scores in step order, every refusal with a reason. Latency is publish-to-score as a reader
 * sees it: when the score became readable (read_committed) minus when the checkpoint was published.
 * Thread-safe: a watcher thread adds while others read snapshots.
 */
public final class OutputTally {

  /** Dead letters kept whole for inspection; the rest are only counted. */
  public static final int KEPT_DEAD_LETTERS = 100;

  /**
   * A consistent view of the tally.
   *
   * @param scores scores read, duplicates included
   * @param uniqueScores distinct (run, step) pairs scored
   * @param duplicates scores of a (run, step) already scored
   * @param outOfOrder scores whose step was not above the run's previous score's step
   * @param deadLetters dead letters read
   * @param deadLettersByReason dead letters per reason, sorted by reason
   * @param latencyP50Ms median publish-to-score latency, NaN before the first score
   * @param latencyP99Ms 99th percentile of the same
   * @param scoresByModelVersion scores per model version
   * @param devices devices the scores name
   * @param lastScoreAtMillis when the latest score was read (0 before the first)
   * @param alertsFiring FIRING alerts read (a raise, a severity change or a reminder)
   * @param alertsResolved RESOLVED alerts read
   * @param firingByRule FIRING alerts per rule, sorted by rule
   */
  public record Snapshot(long scores, long uniqueScores, long duplicates, long outOfOrder, long deadLetters,
      Map<String, Long> deadLettersByReason, double latencyP50Ms, double latencyP99Ms,
      Map<String, Long> scoresByModelVersion, Set<String> devices, long lastScoreAtMillis, long alertsFiring,
      long alertsResolved, Map<String, Long> firingByRule) {}

  private final Set<String> scored = new HashSet<>();
  private final Map<String, Long> lastStep = new HashMap<>();
  private final Map<String, GmnScore> latestByRun = new HashMap<>();
  private final Map<String, Long> reasons = new TreeMap<>();
  private final Map<String, Long> versions = new TreeMap<>();
  private final Set<String> devices = new HashSet<>();
  private final List<DeadLetter> firstDeadLetters = new ArrayList<>();
  private final Map<String, Long> firingByRule = new TreeMap<>();
  private final Map<String, RunAlert> latestAlertByRunAndRule = new TreeMap<>();
  private long alertsFiring;
  private long alertsResolved;
  private double[] latencies = new double[1024];
  private int latencyCount;
  private long scores;
  private long duplicates;
  private long outOfOrder;
  private long deadLetters;
  private long lastScoreAtMillis;

  public synchronized void onScore(GmnScore score, long readableAtMillis) {
    scores++;
    lastScoreAtMillis = readableAtMillis;
    String runId = score.getRunId().toString();
    if (!scored.add(runId + '@' + score.getStep())) {
      duplicates++;
    }
    latestByRun.put(runId, score);
    Long previous = lastStep.put(runId, score.getStep());
    if (previous != null && score.getStep() <= previous) {
      outOfOrder++;
    }
    versions.merge(score.getModelVersion().toString(), 1L, Long::sum);
    devices.add(score.getDevice().toString());
    if (latencyCount == latencies.length) {
      latencies = Arrays.copyOf(latencies, latencies.length * 2);
    }
    latencies[latencyCount++] = readableAtMillis - score.getCheckpointCreatedAtMillis().toEpochMilli();
  }

  public synchronized void onDeadLetter(DeadLetter deadLetter) {
    deadLetters++;
    reasons.merge(deadLetter.getReason().name(), 1L, Long::sum);
    if (firstDeadLetters.size() < KEPT_DEAD_LETTERS) {
      firstDeadLetters.add(deadLetter);
    }
  }

  public synchronized void onAlert(RunAlert alert) {
    if (alert.getStatus() == AlertStatus.RESOLVED) {
      alertsResolved++;
    } else {
      alertsFiring++;
      firingByRule.merge(alert.getRule(), 1L, Long::sum);
    }
    latestAlertByRunAndRule.put(alert.getRunId() + " " + alert.getRule(), alert);
  }

  /** The latest alert of every (run, rule) pair, FIRING or RESOLVED, sorted by run then rule. */
  public synchronized List<RunAlert> latestAlerts() {
    return List.copyOf(latestAlertByRunAndRule.values());
  }

  /** The first {@value #KEPT_DEAD_LETTERS} dead letters read, whole (original bytes included). */
  public synchronized List<DeadLetter> firstDeadLetters() {
    return List.copyOf(firstDeadLetters);
  }

  public synchronized Snapshot snapshot() {
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    if (latencyCount > 0) {
      Percentile percentile = new Percentile();
      percentile.setData(latencies, 0, latencyCount);
      p50 = percentile.evaluate(50);
      p99 = percentile.evaluate(99);
    }
    return new Snapshot(scores, scored.size(), duplicates, outOfOrder, deadLetters, Collections.unmodifiableMap(new TreeMap<>(reasons)), p50, p99,
        Collections.unmodifiableMap(new TreeMap<>(versions)), Set.copyOf(devices), lastScoreAtMillis, alertsFiring,
        alertsResolved, Collections.unmodifiableMap(new TreeMap<>(firingByRule)));
  }

  /** The latest score of every run seen, by run id. */
  public synchronized Map<String, GmnScore> latestScores() {
    return Map.copyOf(latestByRun);
  }

  /** Whether this (run, step) has been scored. */
  public synchronized boolean wasScored(String runId, long step) {
    return scored.contains(runId + '@' + step);
  }
}
