package io.gmnstream.schemas;

import io.gmnstream.schemas.avro.DeadLetter;
import io.gmnstream.schemas.avro.DeadLetterReason;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;

/**
 * Builds dead letters the one way every component must: the original key and value bytes untouched,
 * where the record was read, a machine-readable reason and a detail saying how to fix it.
 */
public final class DeadLetterRecords {

    private DeadLetterRecords() {
    }

    /**
     * @param key the original key bytes, null when the record had none
     * @param value the original value bytes (wire format included), null for a tombstone or when too
     *     large to repeat (the detail then says where to read it)
     * @param component the service or operator that refused the record, e.g. {@code graph-builder}
     */
    public static DeadLetter of(String topic, int partition, long offset, byte[] key, byte[] value,
                                DeadLetterReason reason, String detail, String component, Instant failedAt) {
        return DeadLetter.newBuilder()
                .setSourceTopic(Objects.requireNonNull(topic, "topic"))
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setReason(Objects.requireNonNull(reason, "reason"))
                .setDetail(Objects.requireNonNull(detail, "detail"))
                .setComponent(Objects.requireNonNull(component, "component"))
                .setFailedAtMillis(Objects.requireNonNull(failedAt, "failedAt"))
                .build();
    }
}
