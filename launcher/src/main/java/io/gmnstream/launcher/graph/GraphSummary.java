package io.gmnstream.launcher.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmnstream.paramgraph.EdgeType;
import io.gmnstream.paramgraph.NodeType;
import io.gmnstream.paramgraph.ParamGraph;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code gmn-stream graph} prints. The JSON keys (nodes, edges, parameters, residualEdges,
 * nodeTypes, edgeTypes, buildMillis) are an interface that scripts rely on: extend, never rename.
 */
public record GraphSummary(
    String description,
    String format,
    int nodes,
    int edges,
    long parameters,
    int residualEdges,
    int layers,
    Map<NodeType, Integer> nodeTypes,
    Map<EdgeType, Integer> edgeTypes,
    double buildMillis) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static GraphSummary of(ParamGraph graph, GraphInput input, double buildMillis) {
    return new GraphSummary(
        input.description(),
        input.format().wireName(),
        graph.numNodes(),
        graph.numEdges(),
        graph.numParameters(),
        graph.numResidualEdges(),
        graph.layers().size(),
        graph.nodeTypeCounts(),
        graph.edgeTypeCounts(),
        buildMillis);
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("nodes", nodes);
    root.put("edges", edges);
    root.put("parameters", parameters);
    root.put("residualEdges", residualEdges);
    ObjectNode nodeTypeCounts = root.putObject("nodeTypes");
    nodeTypes.forEach((type, count) -> nodeTypeCounts.put(type.wireName(), count));
    ObjectNode edgeTypeCounts = root.putObject("edgeTypes");
    edgeTypes.forEach((type, count) -> edgeTypeCounts.put(type.wireName(), count));
    root.put("buildMillis", Math.round(buildMillis * 1000.0) / 1000.0);
    root.put("format", format);
    root.put("layers", layers);
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render a graph summary as JSON", e);
    }
  }

  public String toText() {
    return String.format(
        Locale.ROOT,
        "%s%n  nodes %,d   edges %,d   parameters %,d   residual edges %,d   layers %d%n"
            + "  node types: %s%n  edge types: %s%n  built in %.2f ms",
        description, nodes, edges, parameters, residualEdges, layers,
        counts(nodeTypes, NodeType::wireName), counts(edgeTypes, EdgeType::wireName), buildMillis);
  }

  private static <T> String counts(Map<T, Integer> counts, java.util.function.Function<T, String> name) {
    return counts.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %,d", name.apply(e.getKey()), e.getValue()))
        .collect(Collectors.joining(", "));
  }
}
