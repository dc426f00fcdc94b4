package io.gmnstream.operator.service;

import io.gmnstream.operator.score.RandomMlps;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.schemas.graph.ParamGraphRecords;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

/** Parameter graphs of small digits MLPs (64 inputs, 10 classes) with seeded Gaussian weights, and their records. */
public final class TestGraphs {
    private TestGraphs() {
    }

    /** An MLP with ReLU between linear layers and seeded Gaussian weights: {@code widths = {64, 16, 10}}. */
    public static ParamGraph mlp(long seed, int... widths) {
        return RandomMlps.mlp(new Random(seed), widths);
    }

    /** A digits MLP's graph record for a run and step. */
    public static io.gmnstream.schemas.avro.ParamGraph record(String runId, long step) {
        return record(runId, step, mlp(runId.hashCode() * 31L + step, 64, 16, 10));
    }

    public static io.gmnstream.schemas.avro.ParamGraph record(String runId, long step, ParamGraph graph) {
        Instant created = Instant.ofEpochMilli(System.currentTimeMillis());
        return ParamGraphRecords.toRecord(graph)
                .setRunId(runId)
                .setStep(step)
                .setTask("digits")
                .setBuilderVersion("test")
                .setCheckpointCreatedAtMillis(created)
                .setBuiltAtMillis(created)
                .setBuildMillis(0.5)
                .setMetrics(Map.of())
                .build();
    }

    /** The record with its edge values cut short: the arrays no longer match the counts. */
    public static io.gmnstream.schemas.avro.ParamGraph withTruncatedEdgeValues(io.gmnstream.schemas.avro.ParamGraph record) {
        io.gmnstream.schemas.avro.ParamGraph copy = io.gmnstream.schemas.avro.ParamGraph.newBuilder(record).build();
        ByteBuffer values = copy.getEdgeValue().duplicate();
        values.limit(values.limit() - 4);
        copy.setEdgeValue(values.slice());
        return copy;
    }
}
