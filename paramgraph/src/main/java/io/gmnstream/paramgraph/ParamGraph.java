package io.gmnstream.paramgraph;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parameter graph in packed primitive arrays (docs/PARAMETER_GRAPHS.md). Node ids are array
 * indices; {@code edgePosition} holds (x, y, z) per edge, interleaved ({@code 3 * numEdges()}).
 *
 * <p>Accessors return the arrays themselves, not copies, because graphs reach tens of millions of
 * edges: treat them as read-only.
 */
public final class ParamGraph {
    private final byte[] nodeType;
    private final short[] nodeLayer;
    private final int[] nodePosition;
    private final int[] edgeSource;
    private final int[] edgeTarget;
    private final float[] edgeValue;
    private final short[] edgeLayer;
    private final byte[] edgeType;
    private final short[] edgePosition;
    private final long numParameters;
    private final int numResidualEdges;
    private final List<GraphLayer> layers;

    public ParamGraph(byte[] nodeType, short[] nodeLayer, int[] nodePosition, int[] edgeSource, int[] edgeTarget,
                      float[] edgeValue, short[] edgeLayer, byte[] edgeType, short[] edgePosition, long numParameters,
                      int numResidualEdges, List<GraphLayer> layers) {
        int nodes = nodeType.length;
        int edges = edgeSource.length;
        if (nodeLayer.length != nodes || nodePosition.length != nodes) {
            throw new IllegalArgumentException("node arrays differ in length: " + nodes + ", " + nodeLayer.length + ", " + nodePosition.length);
        }
        if (edgeTarget.length != edges || edgeValue.length != edges || edgeLayer.length != edges || edgeType.length != edges
                || edgePosition.length != 3L * edges) {
            throw new IllegalArgumentException("edge arrays differ in length (edgePosition must be 3 x edges)");
        }
        if (numParameters + numResidualEdges != edges) {
            throw new IllegalArgumentException("edges (" + edges + ") must equal parameters (" + numParameters
                    + ") + residual edges (" + numResidualEdges + ")");
        }
        this.nodeType = nodeType;
        this.nodeLayer = nodeLayer;
        this.nodePosition = nodePosition;
        this.edgeSource = edgeSource;
        this.edgeTarget = edgeTarget;
        this.edgeValue = edgeValue;
        this.edgeLayer = edgeLayer;
        this.edgeType = edgeType;
        this.edgePosition = edgePosition;
        this.numParameters = numParameters;
        this.numResidualEdges = numResidualEdges;
        this.layers = List.copyOf(Objects.requireNonNull(layers, "layers"));
    }

    public int numNodes() {
        return nodeType.length;
    }

    public int numEdges() {
        return edgeSource.length;
    }

    public long numParameters() {
        return numParameters;
    }

    public int numResidualEdges() {
        return numResidualEdges;
    }

    /** Number of layer indices in use (max layer index + 1). */
    public int numLayerIndices() {
        int max = 0;
        for (short l : nodeLayer) {
            max = Math.max(max, l);
        }
        for (GraphLayer l : layers) {
            max = Math.max(max, l.layerIndex() + (l.op().equals("attention") ? 1 : 0));
        }
        return max + 1;
    }

    public byte[] nodeType() {
        return nodeType;
    }

    public short[] nodeLayer() {
        return nodeLayer;
    }

    public int[] nodePosition() {
        return nodePosition;
    }

    public int[] edgeSource() {
        return edgeSource;
    }

    public int[] edgeTarget() {
        return edgeTarget;
    }

    public float[] edgeValue() {
        return edgeValue;
    }

    public short[] edgeLayer() {
        return edgeLayer;
    }

    public byte[] edgeType() {
        return edgeType;
    }

    public short[] edgePosition() {
        return edgePosition;
    }

    /** The same structure with other edge values (one per edge); the structure arrays are shared, not copied. */
    public ParamGraph withEdgeValues(float[] values) {
        return new ParamGraph(nodeType, nodeLayer, nodePosition, edgeSource, edgeTarget, values, edgeLayer, edgeType,
                edgePosition, numParameters, numResidualEdges, layers);
    }

    /** The spec layers in order, with their node ranges and tensors. */
    public List<GraphLayer> layers() {
        return layers;
    }

    public GraphLayer layer(String name) {
        for (GraphLayer l : layers) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no layer named '" + name + "'");
    }

    public Map<NodeType, Integer> nodeTypeCounts() {
        int[] counts = new int[NodeType.values().length];
        for (byte t : nodeType) {
            counts[t]++;
        }
        Map<NodeType, Integer> out = new EnumMap<>(NodeType.class);
        for (NodeType t : NodeType.values()) {
            if (counts[t.code()] > 0) {
                out.put(t, counts[t.code()]);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    public Map<EdgeType, Integer> edgeTypeCounts() {
        int[] counts = new int[EdgeType.values().length];
        for (byte t : edgeType) {
            counts[t]++;
        }
        Map<EdgeType, Integer> out = new EnumMap<>(EdgeType.class);
        for (EdgeType t : EdgeType.values()) {
            if (counts[t.code()] > 0) {
                out.put(t, counts[t.code()]);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return "ParamGraph[nodes=" + numNodes() + ", edges=" + numEdges() + ", parameters=" + numParameters
                + ", residualEdges=" + numResidualEdges + ", layers=" + layers.size() + "]";
    }
}
