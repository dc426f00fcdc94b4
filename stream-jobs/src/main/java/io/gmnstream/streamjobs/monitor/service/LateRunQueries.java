package io.gmnstream.streamjobs.monitor.service;

import io.gmnstream.streamjobs.monitor.query.RunHistory;
import io.gmnstream.streamjobs.monitor.query.RunQueries;
import io.gmnstream.streamjobs.monitor.query.RunSummary;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Queries whose target exists only after the dashboard is bound: Kafka Streams must be told the
 * dashboard's port ({@code application.server}) before it is built, and port 0 is only known once bound.
 * Until then there are no runs to show.
 */
final class LateRunQueries implements RunQueries {
    private volatile RunQueries target;

    void bind(RunQueries value) {
        this.target = Objects.requireNonNull(value, "value");
    }

    @Override
    public List<RunSummary> runs() {
        RunQueries current = target;
        return current == null ? List.of() : current.runs();
    }

    @Override
    public Optional<RunHistory> run(String runId) {
        RunQueries current = target;
        return current == null ? Optional.empty() : current.run(runId);
    }
}
