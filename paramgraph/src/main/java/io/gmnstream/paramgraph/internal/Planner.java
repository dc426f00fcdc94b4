package io.gmnstream.paramgraph.internal;

import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.paramgraph.MissingTensorException;
import io.gmnstream.paramgraph.NodeRange;
import io.gmnstream.paramgraph.NodeType;
import io.gmnstream.paramgraph.ShapeMismatchException;
import io.gmnstream.paramgraph.SizeLimitException;
import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.tensor.Tensor;
import io.gmnstream.paramgraph.tensor.TensorSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * First pass of a build: assigns node ids, layer indices and edge offsets and collects the tensors
 * needed, so that totals are exact and limits are checked before any graph array or tensor is
 * allocated.
 */
public final class Planner {
    /** Nodes of one type created together; positional blocks get positions 0..count-1. */
    record NodeBlock(NodeRange range, NodeType type, int layer, boolean positional) {
    }

    private final GraphLimits limits;
    private final List<NodeBlock> blocks = new ArrayList<>();
    private final List<TensorRef> tensors = new ArrayList<>();
    private int nodes;
    private long edges;
    private long parameters;
    private int residualEdges;
    private int nextLayerIndex = 1;

    public Planner(GraphLimits limits) {
        this.limits = limits;
    }

    /** Layer index 0 is the input; each parametric layer takes the next one. */
    public int newLayerIndex() {
        if (nextLayerIndex > Short.MAX_VALUE) {
            throw new SizeLimitException("parametric layers", nextLayerIndex, Short.MAX_VALUE);
        }
        return nextLayerIndex++;
    }

    public NodeRange addNodes(NodeType type, int count, int layer, boolean positional) {
        long end = (long) nodes + count;
        if (end > GraphLimits.MAX_PARAMETERS_CAP) {
            throw new SizeLimitException("graph nodes", end, GraphLimits.MAX_PARAMETERS_CAP);
        }
        NodeRange range = new NodeRange(nodes, count);
        if (count > 0) {
            blocks.add(new NodeBlock(range, type, layer, positional));
        }
        nodes = (int) end;
        return range;
    }

    /** Reserves one edge per element of a parameter tensor and checks the parameter limits. */
    public TensorRef require(LayerSpec layer, String role, long... expectedShape) {
        long count = Tensor.elementCount(expectedShape);
        parameters += count;
        if (parameters > limits.maxParameters()) {
            throw new SizeLimitException("parameters up to layer '" + layer.name() + "'", parameters, limits.maxParameters());
        }
        if (count * Float.BYTES > limits.maxTensorBytes()) {
            throw new SizeLimitException("float32 bytes of tensor '" + layer.tensorName(role) + "'", count * Float.BYTES,
                    limits.maxTensorBytes());
        }
        int offset = reserveEdges(count);
        TensorRef ref = new TensorRef(layer.name(), role, layer.tensorName(role), expectedShape, offset, (int) count);
        tensors.add(ref);
        return ref;
    }

    /** Reserves parameter-free residual edges. */
    public int reserveResidual(int count) {
        residualEdges += count;
        return reserveEdges(count);
    }

    private int reserveEdges(long count) {
        long offset = edges;
        edges += count;
        if (edges > GraphLimits.MAX_PARAMETERS_CAP) {
            throw new SizeLimitException("graph edges", edges, GraphLimits.MAX_PARAMETERS_CAP);
        }
        return (int) offset;
    }

    public int edgeCount() {
        return (int) edges;
    }

    int nodeCount() {
        return nodes;
    }

    long parameters() {
        return parameters;
    }

    int residualEdges() {
        return residualEdges;
    }

    /** Fetches every required tensor once per name and checks its shape against the layer. */
    void fetch(TensorSource source) {
        Map<String, Tensor> cache = new HashMap<>();
        for (TensorRef ref : tensors) {
            Tensor t = cache.get(ref.name());
            if (t == null) {
                try {
                    t = source.get(ref.name());
                } catch (MissingTensorException e) {
                    throw new MissingTensorException(ref.layer(), ref.role(), ref.name(), e);
                }
                cache.put(ref.name(), t);
            }
            long[] expected = ref.expectedShape();
            if (!compatible(expected, t.shape())) {
                throw new ShapeMismatchException(ref.layer(), ref.name(), expected, t.shape());
            }
            ref.attach(t);
        }
    }

    /** Same element count and the same non-1 dimensions in order: a [C, 1, 1] gamma is a [C] gamma. */
    static boolean compatible(long[] expected, long[] actual) {
        if (Tensor.elementCount(expected) != Tensor.elementCount(actual)) {
            return false;
        }
        return Arrays.equals(withoutOnes(expected), withoutOnes(actual));
    }

    private static long[] withoutOnes(long[] shape) {
        return Arrays.stream(shape).filter(d -> d != 1).toArray();
    }

    void fillNodes(GraphArrays out) {
        for (NodeBlock b : blocks) {
            int s = b.range().start();
            int e = b.range().end();
            Arrays.fill(out.nodeType, s, e, b.type().code());
            Arrays.fill(out.nodeLayer, s, e, (short) b.layer());
            if (b.positional()) {
                for (int i = s; i < e; i++) {
                    out.nodePosition[i] = i - s;
                }
            } else {
                Arrays.fill(out.nodePosition, s, e, -1);
            }
        }
    }
}
