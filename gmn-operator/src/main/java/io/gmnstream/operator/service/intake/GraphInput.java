package io.gmnstream.operator.service.intake;

import io.gmnstream.paramgraph.ParamGraph;
import java.time.Instant;
import java.util.Objects;

/** A decoded graph, ready to score, with what its score record repeats. */
public record GraphInput(SourceRecord source, String runId, long step, Instant checkpointCreatedAt, ParamGraph graph)
        implements Incoming {

    public GraphInput {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(checkpointCreatedAt, "checkpointCreatedAt");
        Objects.requireNonNull(graph, "graph");
    }

    @Override
    public long edges() {
        return graph.numEdges();
    }
}
