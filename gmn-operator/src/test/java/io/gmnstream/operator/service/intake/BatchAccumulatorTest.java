package io.gmnstream.operator.service.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.operator.score.BatchBounds;
import io.gmnstream.operator.service.TestGraphs;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.schemas.avro.DeadLetterReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchAccumulatorTest {
    private static final long MS = 1_000_000L;
    /** 64-16-10: 1,210 edges. */
    private static final ParamGraph SMALL = TestGraphs.mlp(1, 64, 16, 10);
    private static final long SMALL_EDGES = SMALL.numEdges();

    private int offset;

    private GraphInput graph(ParamGraph g) {
        return new GraphInput(new SourceRecord("gmn.graphs", 0, offset++, null, new byte[0]), "run", offset,
                Instant.EPOCH, g);
    }

    private Rejected rejected(int partition) {
        return new Rejected(new SourceRecord("gmn.graphs", partition, offset++, null, new byte[0]),
                DeadLetterReason.CORRUPT_RECORD, "bad");
    }

    @Test
    void shouldWaitForMoreUntilTheOldestRecordHasWaitedMaxWait() {
        BatchAccumulator acc = new BatchAccumulator(new BatchBounds(4, 1_000_000), Duration.ofMillis(20));
        acc.add(graph(SMALL), 0);
        acc.add(graph(SMALL), 15 * MS);

        assertThat(acc.isDue(19 * MS)).isFalse();
        assertThat(acc.nanosUntilDue(19 * MS)).isEqualTo(MS);
        assertThat(acc.isDue(20 * MS)).isTrue();
        assertThat(acc.takeBatch()).hasSize(2);
        assertThat(acc.isEmpty()).isTrue();
        assertThat(acc.nanosUntilDue(30 * MS)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldBeDueAtOnceWhenMaxGraphsArrived() {
        BatchAccumulator acc = new BatchAccumulator(new BatchBounds(3, 1_000_000), Duration.ofSeconds(10));
        for (int i = 0; i < 5; i++) {
            acc.add(graph(SMALL), 0);
        }

        assertThat(acc.isDue(0)).isTrue();
        assertThat(acc.takeBatch()).hasSize(3);
        assertThat(acc.isDue(0)).isFalse();
        assertThat(acc.size()).isEqualTo(2);
    }

    @Test
    void shouldCloseABatchBeforeTheGraphThatWouldExceedMaxEdges() {
        BatchAccumulator acc = new BatchAccumulator(new BatchBounds(64, 2 * SMALL_EDGES + 1), Duration.ofSeconds(10));
        acc.add(graph(SMALL), 0);
        acc.add(graph(SMALL), 0);
        assertThat(acc.isDue(0)).isFalse();

        acc.add(graph(SMALL), 0);

        assertThat(acc.isDue(0)).isTrue();
        List<Incoming> batch = acc.takeBatch();
        assertThat(batch).hasSize(2);
        assertThat(batch.stream().mapToLong(Incoming::edges).sum()).isLessThanOrEqualTo(2 * SMALL_EDGES + 1);
    }

    @Test
    void shouldScoreAGraphAboveMaxEdgesAlone() {
        BatchAccumulator acc = new BatchAccumulator(new BatchBounds(64, SMALL_EDGES - 1), Duration.ofSeconds(10));
        acc.add(graph(SMALL), 0);
        acc.add(graph(SMALL), 0);

        assertThat(acc.isDue(0)).isTrue();
        assertThat(acc.takeBatch()).hasSize(1);
        assertThat(acc.takeBatch()).hasSize(1);
    }

    @Test
    void refusedRecordsRideAlongWithoutCountingAsGraphs() {
        BatchAccumulator acc = new BatchAccumulator(new BatchBounds(2, 1_000_000), Duration.ofSeconds(10));
        acc.add(rejected(0), 0);
        acc.add(graph(SMALL), 0);
        acc.add(rejected(0), 0);
        acc.add(graph(SMALL), 0);
        acc.add(rejected(0), 0);
        acc.add(graph(SMALL), 0);

        List<Incoming> batch = acc.takeBatch();

        assertThat(batch).hasSize(5);
        assertThat(batch.stream().filter(GraphInput.class::isInstance)).hasSize(2);
        assertThat(acc.size()).isEqualTo(1);
    }

    @Test
    void onlyRefusedRecordsAreDueAfterMaxWait() {
        BatchAccumulator acc = new BatchAccumulator(new BatchBounds(2, 10), Duration.ofMillis(20));
        acc.add(rejected(0), 0);

        assertThat(acc.isDue(19 * MS)).isFalse();
        assertThat(acc.isDue(20 * MS)).isTrue();
    }

    @Test
    void zeroWaitMakesEveryRecordDueAtOnce() {
        BatchAccumulator acc = new BatchAccumulator(new BatchBounds(64, 1_000_000), Duration.ZERO);
        acc.add(graph(SMALL), 5);

        assertThat(acc.isDue(5)).isTrue();
    }

    @Test
    void shouldDropTheRecordsOfRevokedPartitions() {
        BatchAccumulator acc = new BatchAccumulator(new BatchBounds(64, 1_000_000), Duration.ofSeconds(1));
        acc.add(rejected(0), 0);
        acc.add(rejected(1), 0);
        acc.add(rejected(0), 0);

        acc.removeIf(item -> item.source().partition() == 0);

        assertThat(acc.drain()).extracting(item -> item.source().partition()).containsExactly(1);
        assertThat(acc.isEmpty()).isTrue();
    }
}
