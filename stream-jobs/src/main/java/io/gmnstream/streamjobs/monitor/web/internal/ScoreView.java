package io.gmnstream.streamjobs.monitor.web.internal;

import io.gmnstream.schemas.avro.GmnScore;
import java.util.List;

/**
 * A score as the page and the {@code event: score} stream see it: what a chart point and a runs-table
 * row need, without the scorer's internals (device, batch, latency, weight summary).
 *
 * @param measuredTestAccuracy the test accuracy the run reported with the checkpoint, null when none
 */
public record ScoreView(String runId, long step, String task, double predictedTestAccuracy,
                        double predictedGeneralizationGap, Double measuredTestAccuracy, String modelVersion,
                        long scoredAtMillis, List<String> flags) {

  /** The key under which training jobs report the measured test accuracy in a checkpoint's metrics. */
  public static final String MEASURED_TEST_ACCURACY_METRIC = "test_accuracy";

  public static ScoreView of(GmnScore score) {
    return new ScoreView(score.getRunId(), score.getStep(), score.getTask(), score.getPredictedTestAccuracy(),
        score.getPredictedGeneralizationGap(), score.getMetrics().get(MEASURED_TEST_ACCURACY_METRIC),
        score.getModelVersion(), score.getScoredAtMillis().toEpochMilli(), List.copyOf(score.getFlags()));
  }
}
