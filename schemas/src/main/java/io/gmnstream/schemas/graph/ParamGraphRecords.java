package io.gmnstream.schemas.graph;

import io.gmnstream.paramgraph.GraphLayer;
import io.gmnstream.paramgraph.GraphTensor;
import io.gmnstream.paramgraph.ParamGraph;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Converts between the in-memory {@link ParamGraph} and its record on gmn.graphs, whose arrays are
 * packed little-endian (docs/PARAMETER_GRAPHS.md). Unpacking checks every length and node id, since
 * the record comes off a topic anyone may write to.
 */
public final class ParamGraphRecords {

  private ParamGraphRecords() {}

  /**
   * A record builder with the graph's arrays, counts and layers set. The caller adds what the graph
   * does not know (run id, step, task, builder version, times, metrics, statistics) and builds it.
   */
  public static io.gmnstream.schemas.avro.ParamGraph.Builder toRecord(ParamGraph graph) {
    return io.gmnstream.schemas.avro.ParamGraph.newBuilder()
        .setNumNodes(graph.numNodes())
        .setNumEdges(graph.numEdges())
        .setNumParameters(graph.numParameters())
        .setNumResidualEdges(graph.numResidualEdges())
        .setNodeType(ByteBuffer.wrap(graph.nodeType()))
        .setNodeLayer(pack(graph.nodeLayer()))
        .setNodePosition(pack(graph.nodePosition()))
        .setEdgeSource(pack(graph.edgeSource()))
        .setEdgeTarget(pack(graph.edgeTarget()))
        .setEdgeValue(pack(graph.edgeValue()))
        .setEdgeLayer(pack(graph.edgeLayer()))
        .setEdgeType(ByteBuffer.wrap(graph.edgeType()))
        .setEdgePosition(pack(graph.edgePosition()))
        .setLayers(graph.layers().stream().map(ParamGraphRecords::layerRecord).toList());
  }

  /**
   * The graph held by a record. The result has no layer list ({@link ParamGraph#layers()} is empty):
   * the record keeps only names and edge ranges of layers, which scoring does not need.
   *
   * @throws MalformedGraphRecordException when an array's length disagrees with the counts, a node
   *     id is out of range, or edges differ from parameters plus residual edges
   */
  public static ParamGraph toGraph(io.gmnstream.schemas.avro.ParamGraph record) {
    int nodes = record.getNumNodes();
    int edges = record.getNumEdges();
    if (nodes < 0 || edges < 0) {
      throw new MalformedGraphRecordException("negative size: " + nodes + " nodes, " + edges + " edges");
    }
    if (record.getNumParameters() + record.getNumResidualEdges() != edges) {
      throw new MalformedGraphRecordException("numEdges " + edges + " != numParameters "
          + record.getNumParameters() + " + numResidualEdges " + record.getNumResidualEdges());
    }
    byte[] nodeType = bytes(record.getNodeType(), "nodeType", nodes);
    short[] nodeLayer = shorts(record.getNodeLayer(), "nodeLayer", nodes);
    int[] nodePosition = ints(record.getNodePosition(), "nodePosition", nodes);
    int[] edgeSource = nodeIds(ints(record.getEdgeSource(), "edgeSource", edges), nodes, "edgeSource");
    int[] edgeTarget = nodeIds(ints(record.getEdgeTarget(), "edgeTarget", edges), nodes, "edgeTarget");
    float[] edgeValue = floats(record.getEdgeValue(), "edgeValue", edges);
    short[] edgeLayer = shorts(record.getEdgeLayer(), "edgeLayer", edges);
    byte[] edgeType = bytes(record.getEdgeType(), "edgeType", edges);
    short[] edgePosition = shorts(record.getEdgePosition(), "edgePosition", 3L * edges);
    return new ParamGraph(nodeType, nodeLayer, nodePosition, edgeSource, edgeTarget, edgeValue, edgeLayer, edgeType,
        edgePosition, record.getNumParameters(), record.getNumResidualEdges(), List.of());
  }

  private static io.gmnstream.schemas.avro.GraphLayer layerRecord(GraphLayer layer) {
    List<io.gmnstream.schemas.avro.GraphTensor> params = new ArrayList<>(layer.tensors().size());
    for (GraphTensor tensor : layer.tensors()) {
      params.add(io.gmnstream.schemas.avro.GraphTensor.newBuilder()
          .setRole(tensor.role())
          .setTensorName(tensor.tensorName())
          .setShape(Arrays.stream(tensor.shape()).boxed().toList())
          .setEdgeOffset(tensor.edgeOffset())
          .setEdgeCount(tensor.edgeCount())
          .build());
    }
    return io.gmnstream.schemas.avro.GraphLayer.newBuilder()
        .setName(layer.name())
        .setOp(layer.op())
        .setLayerIndex(layer.layerIndex())
        .setParams(params)
        .build();
  }

  private static int[] nodeIds(int[] ids, int nodes, String field) {
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] < 0 || ids[i] >= nodes) {
        throw new MalformedGraphRecordException(field + "[" + i + "] = " + ids[i] + " is not a node id (graph has "
            + nodes + " nodes)");
      }
    }
    return ids;
  }

  private static ByteBuffer little(long bytes) {
    return ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static ByteBuffer pack(short[] values) {
    ByteBuffer out = little(2L * values.length);
    out.asShortBuffer().put(values);
    return out;
  }

  private static ByteBuffer pack(int[] values) {
    ByteBuffer out = little(4L * values.length);
    out.asIntBuffer().put(values);
    return out;
  }

  private static ByteBuffer pack(float[] values) {
    ByteBuffer out = little(4L * values.length);
    out.asFloatBuffer().put(values);
    return out;
  }

  /** A little-endian view of a field, checked to hold exactly {@code count} elements of {@code width} bytes. */
  private static ByteBuffer view(ByteBuffer field, String name, long count, int width) {
    ByteBuffer view = field.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    if (view.remaining() != count * width) {
      throw new MalformedGraphRecordException(name + " holds " + view.remaining() + " bytes, expected " + count
          + " x " + width);
    }
    return view;
  }

  private static byte[] bytes(ByteBuffer field, String name, long count) {
    ByteBuffer view = view(field, name, count, 1);
    byte[] out = new byte[(int) count];
    view.get(out);
    return out;
  }

  private static short[] shorts(ByteBuffer field, String name, long count) {
    ByteBuffer view = view(field, name, count, 2);
    short[] out = new short[(int) count];
    view.asShortBuffer().get(out);
    return out;
  }

  private static int[] ints(ByteBuffer field, String name, long count) {
    ByteBuffer view = view(field, name, count, 4);
    int[] out = new int[(int) count];
    view.asIntBuffer().get(out);
    return out;
  }

  private static float[] floats(ByteBuffer field, String name, long count) {
    ByteBuffer view = view(field, name, count, 4);
    float[] out = new float[(int) count];
    view.asFloatBuffer().get(out);
    return out;
  }
}
