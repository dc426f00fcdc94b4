package io.gmnstream.operator.service.intake;

import io.gmnstream.schemas.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;

/** Builds the dead-letter record of a refused input: original bytes, where it came from, why. */
public final class DeadLetters {
    /** The component name every dead letter of the operator carries. */
    public static final String COMPONENT = "gmn-operator";

    private DeadLetters() {
    }

    public static DeadLetter of(Rejected rejected, Instant failedAt) {
        SourceRecord source = rejected.source();
        return DeadLetter.newBuilder()
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setKey(source.key() == null ? null : ByteBuffer.wrap(source.key()))
                .setValue(source.value() == null ? null : ByteBuffer.wrap(source.value()))
                .setReason(rejected.reason())
                .setDetail(rejected.detail())
                .setComponent(COMPONENT)
                .setFailedAtMillis(failedAt)
                .build();
    }
}
