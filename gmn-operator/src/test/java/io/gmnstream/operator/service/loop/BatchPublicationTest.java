package io.gmnstream.operator.service.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmnstream.operator.score.GraphScore;
import io.gmnstream.operator.service.FakeRegistry;
import io.gmnstream.operator.service.TestGraphs;
import io.gmnstream.operator.service.intake.GraphInput;
import io.gmnstream.operator.service.intake.Incoming;
import io.gmnstream.operator.service.intake.Rejected;
import io.gmnstream.operator.service.intake.SourceRecord;
import io.gmnstream.operator.service.scoring.ScoringOutcome;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.schemas.avro.DeadLetterReason;
import io.gmnstream.schemas.serde.AvroSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BatchPublicationTest {
    private static final ParamGraph GRAPH = TestGraphs.mlp(1, 64, 16, 10);
    private static final Instant NOW = Instant.ofEpochMilli(10_000);

    private final OutputRecords output = new OutputRecords(new AvroSerializer<SpecificRecord>(new FakeRegistry(), true),
            "gmn.scores", "gmn.dead-letters", "m", "cpu", 1 << 20);

    private static GraphInput graph(int partition, long offset) {
        return new GraphInput(new SourceRecord("gmn.graphs", partition, offset, null, new byte[] {0}), "run", offset,
                Instant.ofEpochMilli(9_000), GRAPH);
    }

    private static Rejected rejected(int partition, long offset) {
        return new Rejected(new SourceRecord("gmn.graphs", partition, offset, null, new byte[] {1}),
                DeadLetterReason.BAD_MAGIC_BYTE, "bad");
    }

    private static ScoringOutcome.Scored scored(GraphInput input) {
        return new ScoringOutcome.Scored(input, new GraphScore(0.5f, 0.1f, "v", 90, 1210, 0), 2, 3.0);
    }

    @Test
    void shouldPublishInInputOrderAndCommitTheOffsetAfterEachPartitionsLastRecord() {
        GraphInput first = graph(0, 10);
        Rejected bad = rejected(1, 4);
        GraphInput failing = graph(0, 11);
        GraphInput second = graph(1, 5);
        List<Incoming> batch = List.of(first, bad, failing, second);
        List<ScoringOutcome> outcomes = List.of(scored(first),
                new ScoringOutcome.Failed(failing, new Rejected(failing.source(), DeadLetterReason.TOO_LARGE, "oom")),
                scored(second));

        BatchPublication publication = BatchPublication.of(batch, outcomes, output, NOW);

        assertThat(publication.records()).extracting(ProducerRecord::topic)
                .containsExactly("gmn.scores", "gmn.dead-letters", "gmn.dead-letters", "gmn.scores");
        assertThat(publication.offsets()).isEqualTo(Map.of(
                new TopicPartition("gmn.graphs", 0), new OffsetAndMetadata(12),
                new TopicPartition("gmn.graphs", 1), new OffsetAndMetadata(6)));
        assertThat(publication.scores()).isEqualTo(2);
        assertThat(publication.deadLetters()).isEqualTo(Map.of(DeadLetterReason.BAD_MAGIC_BYTE, 1,
                DeadLetterReason.TOO_LARGE, 1));
        assertThat(publication.latencies()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void shouldRefuseOutcomesThatDoNotMatchTheGraphs() {
        GraphInput only = graph(0, 1);

        assertThatThrownBy(() -> BatchPublication.of(List.of(only), List.of(scored(only), scored(only)), output, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("2 outcomes for 1 graphs");
    }
}
