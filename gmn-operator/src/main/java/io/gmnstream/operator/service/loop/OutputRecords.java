package io.gmnstream.operator.service.loop;

import io.gmnstream.operator.score.GraphScore;
import io.gmnstream.operator.service.intake.DeadLetters;
import io.gmnstream.operator.service.intake.GraphInput;
import io.gmnstream.operator.service.intake.Rejected;
import io.gmnstream.operator.service.intake.SourceRecord;
import io.gmnstream.operator.service.scoring.ScoringOutcome;
import io.gmnstream.schemas.avro.DeadLetter;
import io.gmnstream.schemas.avro.GmnScore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Builds and encodes what the loop publishes: a GmnScore per scored graph (key = run id, so a run's
 * scores stay ordered on one partition) and a DeadLetter per refused record (its original key).
 * Encoding happens before the transaction begins, so a registry outage aborts nothing.
 */
public final class OutputRecords {
    /** The flag of a score whose graph had NaN or infinite weights (scored with them zeroed). */
    public static final String NON_FINITE_WEIGHTS = "non_finite_weights";
    /** The flag of a score whose ensemble members disagree ({@code GraphScore.membersDisagree}): low confidence. */
    public static final String MODELS_DISAGREE = "models_disagree";
    /** Room for a dead letter's own fields around the original key and value bytes. */
    private static final int DEAD_LETTER_ENVELOPE_BYTES = 4096;

    private final Serializer<SpecificRecord> serializer;
    private final String scoresTopic;
    private final String deadLetterTopic;
    private final String modelId;
    private final String device;
    private final int maxRequestBytes;

    public OutputRecords(Serializer<SpecificRecord> serializer, String scoresTopic, String deadLetterTopic,
                         String modelId, String device, int maxRequestBytes) {
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.scoresTopic = Objects.requireNonNull(scoresTopic, "scoresTopic");
        this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.device = Objects.requireNonNull(device, "device");
        this.maxRequestBytes = maxRequestBytes;
    }

    public GmnScore scoreRecord(ScoringOutcome.Scored scored, Instant scoredAt) {
        GraphInput input = scored.input();
        GraphScore score = scored.score();
        List<String> flags = new ArrayList<>();
        if (score.nonFiniteValues() > 0) {
            flags.add(NON_FINITE_WEIGHTS);
        }
        if (score.membersDisagree()) {
            flags.add(MODELS_DISAGREE);
        }
        return GmnScore.newBuilder()
                .setRunId(input.runId())
                .setStep(input.step())
                .setModelId(modelId)
                .setModelVersion(score.modelVersion())
                .setPredictedTestAccuracy(score.predictedTestAccuracy())
                .setPredictedGeneralizationGap(score.predictedGeneralizationGap())
                .setFlags(flags)
                .setDevice(device)
                .setBatchSize(scored.passGraphs())
                .setCheckpointCreatedAtMillis(input.checkpointCreatedAt())
                .setScoredAtMillis(scoredAt)
                .setScoringMillis(scored.passMillis())
                .setTask(input.context().task())
                .setMetrics(input.context().metrics())
                .setWeightSummary(input.context().weightSummary())
                .build();
    }

    public ProducerRecord<byte[], byte[]> score(ScoringOutcome.Scored scored, Instant scoredAt) {
        return new ProducerRecord<>(scoresTopic, scored.input().runId().getBytes(StandardCharsets.UTF_8),
                serializer.serialize(scoresTopic, scoreRecord(scored, scoredAt)));
    }

    public ProducerRecord<byte[], byte[]> deadLetter(Rejected rejected, Instant failedAt) {
        DeadLetter record = DeadLetters.of(fitting(rejected), failedAt);
        return new ProducerRecord<>(deadLetterTopic, rejected.source().key(),
                serializer.serialize(deadLetterTopic, record));
    }

    /**
     * The rejection itself, or, when its original value would make the dead letter larger than the
     * producer may send, a copy without the value whose detail says where to read it: a dead letter
     * that cannot be written would fail its transaction again and again.
     */
    private Rejected fitting(Rejected rejected) {
        SourceRecord source = rejected.source();
        long size = length(source.key()) + length(source.value()) + rejected.detail().length()
                + DEAD_LETTER_ENVELOPE_BYTES;
        if (source.value() == null || size <= maxRequestBytes) {
            return rejected;
        }
        SourceRecord withoutValue = new SourceRecord(source.topic(), source.partition(), source.offset(),
                source.key(), null);
        return new Rejected(withoutValue, rejected.reason(), rejected.detail() + " [original value of "
                + source.value().length + " bytes left out: above the producer's max.request.size of "
                + maxRequestBytes + "; read it at " + source + "]");
    }

    private static long length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
