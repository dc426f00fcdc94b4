package io.gmnstream.streamjobs.monitor.state;

/**
 * One accepted score of a run, as stored. Kept apart from the query API's {@code ScorePoint} so the
 * stored format does not change when the API does.
 *
 * @param measuredTestAccuracy the test accuracy the run reported with the checkpoint, null if none
 */
public record HistoryPoint(long step, double predictedTestAccuracy, double predictedGeneralizationGap,
    Double measuredTestAccuracy, long scoredAtMillis) {}
