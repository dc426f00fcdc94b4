package io.gmnstream.operator.service.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gmnstream.operator.djl.TestEngine;
import io.gmnstream.operator.score.BatchBounds;
import io.gmnstream.operator.score.BatchListener;
import io.gmnstream.operator.score.GraphScore;
import io.gmnstream.operator.score.Scorer;
import io.gmnstream.operator.service.KafkaStack;
import io.gmnstream.operator.service.TestGraphs;
import io.gmnstream.operator.service.intake.GraphInput;
import io.gmnstream.operator.service.intake.SourceRecord;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.schemas.avro.DeadLetterReason;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ResilientScorerTest {
    @BeforeAll
    static void startEngine() {
        TestEngine.start();
    }

    private static GraphInput input(int offset, ParamGraph graph) {
        return new GraphInput(new SourceRecord("gmn.graphs", 0, offset, null, new byte[] {0}), "run", offset,
                Instant.EPOCH, graph);
    }

    /** A graph whose first node has a type code no model knows: the forward pass refuses it. */
    private static ParamGraph withUnknownNodeType(ParamGraph g) {
        byte[] types = g.nodeType().clone();
        types[0] = 120;
        return new ParamGraph(types, g.nodeLayer(), g.nodePosition(), g.edgeSource(), g.edgeTarget(), g.edgeValue(),
                g.edgeLayer(), g.edgeType(), g.edgePosition(), g.numParameters(), g.numResidualEdges(), g.layers());
    }

    @Test
    void shouldScoreEveryOtherGraphOfABatchAndRefuseTheOneTheModelCannotTake() throws IOException {
        List<GraphInput> inputs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ParamGraph graph = TestGraphs.mlp(i, 64, 16, 10);
            inputs.add(input(i, i == 3 ? withUnknownNodeType(graph) : graph));
        }
        List<BatchListener.BatchStats> passes = new ArrayList<>();
        try (Scorer scorer = Scorer.load(KafkaStack.SHIPPED_MODEL, new BatchBounds(8, 1L << 17))) {
            List<ScoringOutcome> outcomes = new ResilientScorer(passes::add).score(scorer, inputs);

            assertThat(outcomes).extracting(ScoringOutcome::input).containsExactlyElementsOf(inputs);
            ScoringOutcome.Failed failed = (ScoringOutcome.Failed) outcomes.get(3);
            assertThat(failed.rejected().reason()).isEqualTo(DeadLetterReason.OTHER);
            assertThat(failed.rejected().detail()).contains("node type code 120").contains(scorer.modelVersion());
            assertThat(failed.rejected().source()).isEqualTo(inputs.get(3).source());
            for (int i : new int[] {0, 1, 2, 4, 5}) {
                ScoringOutcome.Scored scored = (ScoringOutcome.Scored) outcomes.get(i);
                GraphScore alone = scorer.score(inputs.get(i).graph());
                assertThat(scored.score().predictedTestAccuracy()).isCloseTo(alone.predictedTestAccuracy(), within(1e-5f));
                assertThat(scored.passGraphs()).isBetween(1, 3);
                assertThat(scored.passMillis()).isPositive();
            }
            // 6 fail -> [0..2] pass; [3..5] fail -> [3] fails alone, [4, 5] pass. Only passes that worked are told.
            assertThat(passes).extracting(BatchListener.BatchStats::graphs).containsExactly(3, 2);
        }
    }

    @Test
    void shouldRecogniseMemoryFailuresOfTheHeapAndOfTheEngine() {
        assertThat(MemoryFailures.isOutOfMemory(new OutOfMemoryError("Java heap space"))).isTrue();
        assertThat(MemoryFailures.isOutOfMemory(new RuntimeException("wrapped", new RuntimeException(
                "[enforce fail at alloc_cpu.cpp:118] DefaultCPUAllocator: can't allocate memory: you tried to allocate 9 GB"))))
                .isTrue();
        assertThat(MemoryFailures.isOutOfMemory(new RuntimeException("CUDA out of memory. Tried to allocate 2.00 GiB")))
                .isTrue();
        assertThat(MemoryFailures.isOutOfMemory(new IllegalArgumentException("node type code 120 outside [0, 8)")))
                .isFalse();
    }
}
