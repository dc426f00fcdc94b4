package io.gmnstream.operator.service.loop;

import io.gmnstream.operator.service.intake.GraphInput;
import io.gmnstream.operator.service.intake.Incoming;
import io.gmnstream.operator.service.intake.Rejected;
import io.gmnstream.operator.service.scoring.ScoringOutcome;
import io.gmnstream.schemas.avro.DeadLetterReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What one micro-batch's transaction publishes: a score or a dead letter per input record, in input
 * order (a run's records share a partition, so its scores keep the order of its steps), and the
 * consumer offsets that follow the batch; plus the counts to record once it commits.
 *
 * @param latencies publish-to-score latency of each score
 */
record BatchPublication(List<ProducerRecord<byte[], byte[]>> records, Map<TopicPartition, OffsetAndMetadata> offsets,
                        int scores, Map<DeadLetterReason, Integer> deadLetters, List<Duration> latencies) {

    /**
     * @param outcomes one per graph of the batch, in order
     * @param now      the scores' scoredAt and the dead letters' failedAt
     */
    static BatchPublication of(List<Incoming> batch, List<ScoringOutcome> outcomes, OutputRecords output, Instant now) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(batch.size());
        Map<DeadLetterReason, Integer> deadLetters = new EnumMap<>(DeadLetterReason.class);
        List<Duration> latencies = new ArrayList<>(outcomes.size());
        int next = 0;
        for (Incoming item : batch) {
            Rejected rejected;
            if (item instanceof GraphInput) {
                ScoringOutcome outcome = outcomes.get(next++);
                if (outcome instanceof ScoringOutcome.Scored scored) {
                    records.add(output.score(scored, now));
                    latencies.add(Duration.between(scored.input().checkpointCreatedAt(), now));
                    continue;
                }
                rejected = ((ScoringOutcome.Failed) outcome).rejected();
            } else {
                rejected = (Rejected) item;
            }
            records.add(output.deadLetter(rejected, now));
            deadLetters.merge(rejected.reason(), 1, Integer::sum);
        }
        if (next != outcomes.size()) {
            throw new IllegalArgumentException(outcomes.size() + " outcomes for " + next + " graphs");
        }
        return new BatchPublication(Collections.unmodifiableList(records), nextOffsets(batch), latencies.size(),
                Collections.unmodifiableMap(deadLetters), Collections.unmodifiableList(latencies));
    }

    /** Per partition, the offset after the batch's last record of it: where the group resumes. */
    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<Incoming> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (Incoming item : batch) {
            offsets.merge(item.source().topicPartition(), new OffsetAndMetadata(item.source().offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return Collections.unmodifiableMap(offsets);
    }
}
