package io.gmnstream.streamjobs.monitor.query;

import java.util.List;
import java.util.Optional;

/**
 * What the dashboard and its REST API ask of the run monitor. One implementation reads this
 * instance's state stores only; another answers for the whole application by asking the instance that
 * holds each run (Kafka Streams interactive queries).
 */
public interface RunQueries {

    /** Every run known to the monitor, most recently scored first. */
    List<RunSummary> runs();

    /** One run's summary and score history, empty when no instance knows the run. */
    Optional<RunHistory> run(String runId);
}
