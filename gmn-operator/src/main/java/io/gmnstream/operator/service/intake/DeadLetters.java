package io.gmnstream.operator.service.intake;

import io.gmnstream.schemas.DeadLetterRecords;
import io.gmnstream.schemas.avro.DeadLetter;
import java.time.Instant;

/** Builds the dead-letter record of a refused input: original bytes, where it came from, why. */
public final class DeadLetters {
    /** The component name every dead letter of the operator carries. */
    public static final String COMPONENT = "gmn-operator";

    private DeadLetters() {
    }

    public static DeadLetter of(Rejected rejected, Instant failedAt) {
        SourceRecord source = rejected.source();
        return DeadLetterRecords.of(source.topic(), source.partition(), source.offset(), source.key(), source.value(),
                rejected.reason(), rejected.detail(), COMPONENT, failedAt);
    }
}
