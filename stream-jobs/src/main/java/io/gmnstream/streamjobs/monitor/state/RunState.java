package io.gmnstream.streamjobs.monitor.state;

import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.WeightSummary;
import io.gmnstream.streamjobs.monitor.alerts.ActiveAlert;
import io.gmnstream.streamjobs.monitor.alerts.RuleName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the monitor knows about one run; the value of the {@code run-state} store. Immutable:
 * every change returns a new state.
 *
 * <p>Only scores for a step above the latest one are accepted. A repeated or out-of-order score
 * (step at or below the latest) is counted in {@link #ignoredScores} and changes nothing else: the
 * rules judge the newest checkpoint, and an old one arriving late must neither rewrite the chart
 * nor raise or resolve alerts. (The graph builder already drops such checkpoints; what still
 * arrives is a re-score or a redelivery.)
 *
 * @param task the run's task as last reported; empty when unknown
 * @param history accepted scores in increasing step order, the most recent {@code historyLimit}
 * @param scores number of accepted scores, including those no longer in the history
 * @param bestPredictedTestAccuracy best predicted test accuracy of any accepted score
 * @param lastScoredAtMillis when the scorer scored the latest accepted checkpoint
 * @param lastSeenWallMillis monitor wall time when the latest accepted score was processed
 * @param lastSeenStreamTimeMillis record timestamp of the latest accepted score
 * @param latestWeights weight statistics of the latest checkpoint that had any, null if none had
 * @param previousWeights those of the checkpoint before it, null if none
 * @param activeAlerts alerts firing for this run, by rule key
 */
public record RunState(String runId, String task, List<HistoryPoint> history, long scores, long ignoredScores,
    double bestPredictedTestAccuracy, long bestStep, long lastScoredAtMillis, long lastSeenWallMillis,
    long lastSeenStreamTimeMillis, WeightSnapshot latestWeights, WeightSnapshot previousWeights,
    Map<String, ActiveAlert> activeAlerts) {

  /** Key of {@code GmnScore.metrics} holding the test accuracy the run measured itself. */
  public static final String MEASURED_TEST_ACCURACY_METRIC = "test_accuracy";

  public RunState {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(task, "task");
    history = List.copyOf(history);
    activeAlerts = Map.copyOf(activeAlerts);
  }

  /** A run the monitor has not accepted any score of yet. */
  public static RunState empty(String runId) {
    return new RunState(runId, "", List.of(), 0, 0, Double.NaN, -1, 0, 0, 0, null, null, Map.of());
  }

  /** Whether a score at this step is new, i.e. above the latest accepted step. */
  public boolean accepts(long step) {
    return history.isEmpty() || step > history.get(history.size() - 1).step();
  }

  /** The latest accepted score; fails on a state without one. */
  public HistoryPoint latest() {
    if (history.isEmpty()) {
      throw new IllegalStateException("run " + runId + " has no accepted score yet");
    }
    return history.get(history.size() - 1);
  }

  /**
   * This state with the score added (the caller has checked {@link #accepts}).
   *
   * @param wallMillis the monitor's wall time now
   * @param streamTimeMillis the score record's timestamp
   */
  public RunState withScore(GmnScore score, long wallMillis, long streamTimeMillis, int historyLimit) {
    if (!accepts(score.getStep())) {
      throw new IllegalArgumentException("step " + score.getStep() + " of run " + runId
          + " is not above the latest step " + latest().step());
    }
    HistoryPoint point = new HistoryPoint(score.getStep(), score.getPredictedTestAccuracy(),
        score.getPredictedGeneralizationGap(), score.getMetrics().get(MEASURED_TEST_ACCURACY_METRIC),
        score.getScoredAtMillis().toEpochMilli());
    List<HistoryPoint> points = new ArrayList<>(history.size() + 1);
    points.addAll(history.subList(Math.max(0, history.size() + 1 - historyLimit), history.size()));
    points.add(point);

    boolean improved = Double.isNaN(bestPredictedTestAccuracy)
        || point.predictedTestAccuracy() > bestPredictedTestAccuracy;
    WeightSummary weights = score.getWeightSummary();
    WeightSnapshot newLatest = weights == null ? latestWeights : new WeightSnapshot(score.getStep(), weights.getL2Norm());
    WeightSnapshot newPrevious = weights == null ? previousWeights : latestWeights;
    String newTask = score.getTask().isEmpty() ? task : score.getTask();

    return new RunState(runId, newTask, points, scores + 1, ignoredScores,
        improved ? point.predictedTestAccuracy() : bestPredictedTestAccuracy, improved ? point.step() : bestStep,
        point.scoredAtMillis(), wallMillis, streamTimeMillis, newLatest, newPrevious, activeAlerts);
  }

  /** This state having seen, and ignored, a repeated or out-of-order score. */
  public RunState withIgnoredScore() {
    return new RunState(runId, task, history, scores, ignoredScores + 1, bestPredictedTestAccuracy, bestStep,
        lastScoredAtMillis, lastSeenWallMillis, lastSeenStreamTimeMillis, latestWeights, previousWeights,
        activeAlerts);
  }

  public Optional<ActiveAlert> activeAlert(RuleName rule) {
    return Optional.ofNullable(activeAlerts.get(rule.key()));
  }

  /** This state with the rule's alert replaced (or removed, when empty). */
  public RunState withAlert(RuleName rule, Optional<ActiveAlert> alert) {
    Map<String, ActiveAlert> alerts = new HashMap<>(activeAlerts);
    alert.ifPresentOrElse(a -> alerts.put(rule.key(), a), () -> alerts.remove(rule.key()));
    return new RunState(runId, task, history, scores, ignoredScores, bestPredictedTestAccuracy, bestStep,
        lastScoredAtMillis, lastSeenWallMillis, lastSeenStreamTimeMillis, latestWeights, previousWeights, alerts);
  }
}
