package io.gmnstream.operator.service.intake;

import io.gmnstream.schemas.avro.DeadLetterReason;
import java.util.Objects;

/**
 * A record the operator cannot score, bound for the dead-letter topic.
 *
 * @param detail what went wrong and, where known, how to fix it
 */
public record Rejected(SourceRecord source, DeadLetterReason reason, String detail) implements Incoming {

    public Rejected {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public long edges() {
        return 0;
    }
}
