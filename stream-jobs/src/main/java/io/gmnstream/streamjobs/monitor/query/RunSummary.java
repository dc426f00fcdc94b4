package io.gmnstream.streamjobs.monitor.query;

import java.util.List;
import java.util.Objects;

/**
 * The latest state of one run, as the runs table shows it.
 *
 * @param trend change of predicted test accuracy over the run's last few scores (positive = improving)
 * @param state OK, WARNING, CRITICAL (highest severity among its firing alerts) or STALE (stopped publishing)
 * @param activeAlerts names of the rules currently firing for the run
 * @param measuredTestAccuracy the last test accuracy the run itself reported, null when it reports none
 */
public record RunSummary(String runId, String task, long latestStep, double latestPredictedTestAccuracy,
                         double latestPredictedGeneralizationGap, double bestPredictedTestAccuracy, long bestStep,
                         double trend, String state, List<String> activeAlerts, long scores,
                         long lastScoredAtMillis, Double measuredTestAccuracy) {

    public RunSummary {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(state, "state");
        activeAlerts = List.copyOf(activeAlerts);
    }
}
