package io.gmnstream.streamjobs.monitor.support;

import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.WeightSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Test scores: {@code Scores.of("run-a", 3, 0.8)} is run-a's step 3 predicted at 0.8, scored at
 * {@link #T0} + step seconds (its record timestamp too), task "cifar10", gap 0.05, no weight statistics.
 */
public final class Scores {

  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Scores() {}

  public static GmnScore.Builder of(String runId, long step, double predictedAccuracy) {
    return GmnScore.newBuilder()
        .setRunId(runId)
        .setStep(step)
        .setModelId("gmn-test")
        .setModelVersion("1")
        .setPredictedTestAccuracy(predictedAccuracy)
        .setPredictedGeneralizationGap(0.05)
        .setFlags(List.of())
        .setDevice("cpu")
        .setBatchSize(1)
        .setCheckpointCreatedAtMillis(T0.plusSeconds(step))
        .setScoredAtMillis(T0.plusSeconds(step))
        .setScoringMillis(1.0)
        .setTask("cifar10")
        .setMetrics(Map.of())
        .setWeightSummary(null);
  }

  public static WeightSummary weights(double l2Norm) {
    return weights(0, 0, l2Norm, Map.of("dense_1", 0.1));
  }

  public static WeightSummary weights(long nanCount, long infCount, double l2Norm,
      Map<String, Double> deadFractions) {
    return WeightSummary.newBuilder()
        .setNanCount(nanCount)
        .setInfCount(infCount)
        .setL2Norm(l2Norm)
        .setLayerL2Norms(Map.of())
        .setLayerDeadUnitFractions(deadFractions)
        .build();
  }
}
