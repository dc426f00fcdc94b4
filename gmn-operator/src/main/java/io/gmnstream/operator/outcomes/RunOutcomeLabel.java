package io.gmnstream.operator.outcomes;

import io.gmnstream.schemas.avro.RunOutcome;
import io.gmnstream.schemas.avro.RunStatus;
import java.util.Objects;

/**
 * The part of a gmn.run-outcomes record the joiner needs.
 *
 * @param finalTestAccuracy  null when the job did not measure it
 * @param finalTrainAccuracy null when the job did not measure it
 */
public record RunOutcomeLabel(String runId, String task, RunStatus status, Double finalTestAccuracy,
                              Double finalTrainAccuracy, long finalStep, long reportedAtMillis) {
    public RunOutcomeLabel {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(status, "status");
    }

    public static RunOutcomeLabel of(RunOutcome record) {
        return new RunOutcomeLabel(record.getRunId(), record.getTask(), record.getStatus(),
                record.getFinalTestAccuracy(), record.getFinalTrainAccuracy(), record.getFinalStep(),
                record.getReportedAtMillis().toEpochMilli());
    }
}
