package io.gmnstream.operator.service.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.operator.score.GraphScore;
import io.gmnstream.operator.service.FakeRegistry;
import io.gmnstream.operator.service.TestGraphs;
import io.gmnstream.operator.service.intake.GraphInput;
import io.gmnstream.operator.service.intake.Rejected;
import io.gmnstream.operator.service.intake.ScoreContext;
import io.gmnstream.operator.service.intake.SourceRecord;
import io.gmnstream.operator.service.scoring.ScoringOutcome;
import io.gmnstream.schemas.avro.DeadLetter;
import io.gmnstream.schemas.avro.DeadLetterReason;
import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.WeightSummary;
import io.gmnstream.schemas.serde.AvroDeserializer;
import io.gmnstream.schemas.serde.AvroSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class OutputRecordsTest {
    private static final Instant CREATED = Instant.ofEpochMilli(1_000);
    private static final Instant NOW = Instant.ofEpochMilli(1_250);

    private final FakeRegistry registry = new FakeRegistry();
    private final OutputRecords output = new OutputRecords(new AvroSerializer<SpecificRecord>(registry, true),
            "gmn.scores", "gmn.dead-letters", "digits-gmn", "gpu:0", 64 * 1024);

    private static ScoringOutcome.Scored scored(int nonFinite) {
        GraphInput input = new GraphInput(new SourceRecord("gmn.graphs", 1, 9, null, new byte[0]), "run-7", 300,
                CREATED, TestGraphs.mlp(1, 64, 16, 10));
        return new ScoringOutcome.Scored(input, new GraphScore(0.91f, 0.05f, "v3", 90, 1210, nonFinite), 4, 12.5);
    }

    @Test
    void shouldKeyAScoreByRunAndNameModelDeviceAndBatch() {
        ProducerRecord<byte[], byte[]> record = output.score(scored(0), NOW);

        assertThat(record.topic()).isEqualTo("gmn.scores");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("run-7");
        GmnScore score = new AvroDeserializer<>(GmnScore.class, registry).deserialize("gmn.scores", record.value());
        assertThat(score.getRunId()).isEqualTo("run-7");
        assertThat(score.getStep()).isEqualTo(300);
        assertThat(score.getModelId()).isEqualTo("digits-gmn");
        assertThat(score.getModelVersion()).isEqualTo("v3");
        assertThat(score.getPredictedTestAccuracy()).isEqualTo(0.91f);
        assertThat(score.getDevice()).isEqualTo("gpu:0");
        assertThat(score.getBatchSize()).isEqualTo(4);
        assertThat(score.getScoringMillis()).isEqualTo(12.5);
        assertThat(score.getCheckpointCreatedAtMillis()).isEqualTo(CREATED);
        assertThat(score.getScoredAtMillis()).isEqualTo(NOW);
        assertThat(score.getFlags()).isEmpty();
    }

    @Test
    void shouldRepeatTheRunsTaskMetricsAndWeightSummaryForTheMonitor() {
        WeightSummary summary = WeightSummary.newBuilder().setNanCount(2).setInfCount(1).setL2Norm(5.0)
                .setLayerL2Norms(Map.of("fc1", 3.0, "fc2", 4.0)).setLayerDeadUnitFractions(Map.of("fc1", 0.25))
                .build();
        GraphInput input = new GraphInput(new SourceRecord("gmn.graphs", 1, 9, null, new byte[0]), "run-7", 300,
                CREATED, TestGraphs.mlp(1, 64, 16, 10),
                new ScoreContext("digits-8x8", Map.of("test_accuracy", 0.87), summary));
        ScoringOutcome.Scored scored = new ScoringOutcome.Scored(input, new GraphScore(0.91f, 0.05f, "v3", 90, 1210, 3),
                4, 12.5);

        GmnScore score = output.scoreRecord(scored, NOW);

        assertThat(score.getTask()).isEqualTo("digits-8x8");
        assertThat(score.getMetrics()).containsExactly(Map.entry("test_accuracy", 0.87));
        assertThat(score.getWeightSummary()).isEqualTo(summary);
    }

    @Test
    void shouldLeaveTheMonitorsFieldsEmptyWhenTheGraphCarriedNone() {
        GmnScore score = output.scoreRecord(scored(0), NOW);

        assertThat(score.getTask()).isEmpty();
        assertThat(score.getMetrics()).isEmpty();
        assertThat(score.getWeightSummary()).isNull();
    }

    @Test
    void shouldFlagAGraphThatHadNonFiniteWeights() {
        assertThat(output.scoreRecord(scored(3), NOW).getFlags()).isEqualTo(List.of("non_finite_weights"));
    }

    @Test
    void shouldFlagAScoreWhoseEnsembleMembersDisagree() {
        GraphInput input = new GraphInput(new SourceRecord("gmn.graphs", 1, 9, null, new byte[0]), "run-7", 300,
                CREATED, TestGraphs.mlp(1, 64, 16, 10));
        GraphScore disagree = new GraphScore(0.6f, 0.05f, "v3", 90, 1210, 0, 2, 0.31f);
        GraphScore agree = new GraphScore(0.6f, 0.05f, "v3", 90, 1210, 0, 2, 0.04f);

        assertThat(output.scoreRecord(new ScoringOutcome.Scored(input, disagree, 4, 12.5), NOW).getFlags())
                .containsExactly("models_disagree");
        assertThat(output.scoreRecord(new ScoringOutcome.Scored(input, agree, 4, 12.5), NOW).getFlags()).isEmpty();
    }

    @Test
    void shouldLeaveOutAnOriginalValueTooLargeToSendAndSayWhereToReadIt() {
        byte[] key = "run-9".getBytes(StandardCharsets.UTF_8);
        SourceRecord huge = new SourceRecord("gmn.graphs", 0, 77, key, new byte[100 * 1024]);

        ProducerRecord<byte[], byte[]> record = output.deadLetter(new Rejected(huge, DeadLetterReason.TOO_LARGE, "big"), NOW);

        assertThat(record.key()).isEqualTo(key);
        DeadLetter letter = new AvroDeserializer<>(DeadLetter.class, registry).deserialize("gmn.dead-letters", record.value());
        assertThat(letter.getValue()).isNull();
        assertThat(letter.getKey()).isNotNull();
        assertThat(letter.getDetail()).startsWith("big [original value of 102400 bytes left out")
                .contains("read it at gmn.graphs-0@77");
        assertThat(record.value().length).isLessThan(64 * 1024);

        SourceRecord small = new SourceRecord("gmn.graphs", 0, 78, key, new byte[] {1, 2, 3});
        DeadLetter kept = new AvroDeserializer<>(DeadLetter.class, registry).deserialize("gmn.dead-letters",
                output.deadLetter(new Rejected(small, DeadLetterReason.CORRUPT_RECORD, "bad"), NOW).value());
        assertThat(kept.getValue().remaining()).isEqualTo(3);
        assertThat(kept.getDetail()).isEqualTo("bad");
    }
}
