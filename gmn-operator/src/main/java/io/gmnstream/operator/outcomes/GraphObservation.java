package io.gmnstream.operator.outcomes;

import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.schemas.graph.ParamGraphRecords;
import java.util.Map;
import java.util.Objects;

/**
 * One checkpoint's graph as read from gmn.graphs: what the scorer sees, plus the run, step, task and
 * the checkpoint's metrics.
 */
public record GraphObservation(String runId, long step, String task, Map<String, Double> metrics, ParamGraph graph) {
    public GraphObservation {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(task, "task");
        metrics = Map.copyOf(Objects.requireNonNull(metrics, "metrics"));
        Objects.requireNonNull(graph, "graph");
    }

    /** Unpacks a gmn.graphs record (checks its arrays, see {@link ParamGraphRecords#toGraph}). */
    public static GraphObservation of(io.gmnstream.schemas.avro.ParamGraph record) {
        Map<String, Double> metrics = new java.util.HashMap<>();
        record.getMetrics().forEach((k, v) -> metrics.put(k.toString(), v));
        return new GraphObservation(record.getRunId(), record.getStep(), record.getTask(), metrics,
                ParamGraphRecords.toGraph(record));
    }
}
