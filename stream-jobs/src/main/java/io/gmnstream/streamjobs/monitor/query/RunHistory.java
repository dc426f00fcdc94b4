package io.gmnstream.streamjobs.monitor.query;

import java.util.List;
import java.util.Objects;

/** A run's summary and its score history in step order (bounded to the most recent points). */
public record RunHistory(RunSummary summary, List<ScorePoint> points) {

    public RunHistory {
        Objects.requireNonNull(summary, "summary");
        points = List.copyOf(points);
    }
}
