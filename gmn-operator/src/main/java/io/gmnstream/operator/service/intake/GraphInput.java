package io.gmnstream.operator.service.intake;

import io.gmnstream.paramgraph.ParamGraph;
import java.time.Instant;
import java.util.Objects;

/** A decoded graph, ready to score, with what its score record repeats. */
public record GraphInput(SourceRecord source, String runId, long step, Instant checkpointCreatedAt, ParamGraph graph,
                         ScoreContext context) implements Incoming {

    public GraphInput {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(checkpointCreatedAt, "checkpointCreatedAt");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(context, "context");
    }

    /** A graph whose record carried no task, metrics or weight statistics. */
    public GraphInput(SourceRecord source, String runId, long step, Instant checkpointCreatedAt, ParamGraph graph) {
        this(source, runId, step, checkpointCreatedAt, graph, ScoreContext.NONE);
    }

    @Override
    public long edges() {
        return graph.numEdges();
    }
}
