package io.gmnstream.operator.service.loop;

import io.gmnstream.operator.service.intake.Incoming;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Puts a consumer back where its last committed transaction left it, so uncommitted records are read again. */
final class Rewind {
    private static final Duration COMMITTED_OFFSETS_TIMEOUT = Duration.ofSeconds(30);

    private Rewind() {
    }

    /**
     * Seeks each assigned partition to its committed offset, which after an uncertain commit (a
     * timeout) is the truth about whether it landed; a partition without one goes back to the first
     * record read from it and not committed.
     *
     * @param uncommitted the records read and not committed (dropped by the caller)
     */
    static void toCommitted(Consumer<?, ?> consumer, Collection<Incoming> uncommitted) {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> firstUncommitted = new HashMap<>();
        for (Incoming item : uncommitted) {
            firstUncommitted.merge(item.source().topicPartition(), item.source().offset(), Math::min);
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned, COMMITTED_OFFSETS_TIMEOUT);
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset);
            } else if (firstUncommitted.containsKey(partition)) {
                consumer.seek(partition, firstUncommitted.get(partition));
            }
        }
    }
}
