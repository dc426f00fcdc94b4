package io.gmnstream.paramgraph.internal;

import io.gmnstream.paramgraph.EdgeType;
import io.gmnstream.paramgraph.InvalidSpecException;
import io.gmnstream.paramgraph.NodeRange;
import io.gmnstream.paramgraph.NodeType;
import io.gmnstream.paramgraph.PositionGrid;
import io.gmnstream.paramgraph.spec.LayerSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Dense layer: n_out neuron nodes, one linear_weight edge per weight, a bias node with n_out edges.
 * A flattened map or sequence input follows the flatten-into-linear rule: the column's channel or
 * feature node is the source and the edge carries the column's spatial or token position.
 */
final class LinearRule implements LayerRule<LayerSpec.Linear> {

    @Override
    public LayerResult plan(LayerSpec.Linear s, List<NodeSet> inputs, Planner planner) {
        NodeSet x = inputs.get(0);
        long width = x.linearWidth(s.name());
        if (width != s.inFeatures()) {
            throw new InvalidSpecException(s.name(), "inFeatures", "is " + s.inFeatures() + " but the input is a "
                    + x.describe() + " = " + width + " features");
        }
        int layer = planner.newLayerIndex();
        int in = s.inFeatures();
        int outCount = s.outFeatures();
        NodeRange out = planner.addNodes(NodeType.NEURON, outCount, layer, false);
        int biasNode = s.bias() ? planner.addNodes(NodeType.BIAS, 1, layer, false).start() : -1;
        TensorRef weight = planner.require(s, "weight", s.transposedWeight() ? new long[] {in, outCount} : new long[] {outCount, in});
        TensorRef bias = s.bias() ? planner.require(s, "bias", outCount) : null;
        List<TensorRef> refs = new ArrayList<>();
        refs.add(weight);
        if (bias != null) {
            refs.add(bias);
        }
        NodeSet y = x.kind() == NodeSet.Kind.SEQUENCE ? NodeSet.sequence(out, layer, x.seqLen()) : NodeSet.vector(out, layer);
        boolean positionMajor = x.kind() == NodeSet.Kind.FLAT_SEQUENCE;
        PositionGrid grid = switch (x.kind()) {
            case FLAT_MAP -> x.spatialGrid();
            case FLAT_SEQUENCE -> PositionGrid.of(x.seqLen());
            default -> PositionGrid.NONE;
        };
        LayerResult.Emitter emitter = arrays -> {
            Columns cols = Columns.of(x, in);
            if (s.transposedWeight()) {
                emitTransposed(arrays, weight, cols, out, layer);
            } else {
                emitRowMajor(arrays, weight, cols, out, layer);
            }
            if (bias != null) {
                arrays.fan(bias.edgeOffset(), biasNode, out.start(), outCount, 1, bias.values(), layer, EdgeType.LINEAR_BIAS);
            }
        };
        return new LayerResult(y, layer, x.nodes(), NodeRange.EMPTY, grid, positionMajor, refs, emitter);
    }

    /** Weight [out, in]: row o holds the edges into output node o. */
    private static void emitRowMajor(GraphArrays a, TensorRef weight, Columns cols, NodeRange out, int layer) {
        int in = cols.source.length;
        int off = weight.edgeOffset();
        a.values(off, weight.values());
        a.meta(off, weight.edgeCount(), layer, EdgeType.LINEAR_WEIGHT);
        for (int o = 0; o < out.count(); o++) {
            int rowStart = off + o * in;
            System.arraycopy(cols.source, 0, a.source, rowStart, in);
            Arrays.fill(a.target, rowStart, rowStart + in, out.start() + o);
        }
        if (cols.position != null) {
            a.repeatPositions(off, cols.position, out.count());
        }
    }

    /** Weight [in, out]: row i holds the edges out of input column i. */
    private static void emitTransposed(GraphArrays a, TensorRef weight, Columns cols, NodeRange out, int layer) {
        int in = cols.source.length;
        int n = out.count();
        int off = weight.edgeOffset();
        a.values(off, weight.values());
        a.meta(off, weight.edgeCount(), layer, EdgeType.LINEAR_WEIGHT);
        int[] targets = GraphArrays.consecutive(out.start(), n);
        for (int i = 0; i < in; i++) {
            int rowStart = off + i * n;
            Arrays.fill(a.source, rowStart, rowStart + n, cols.source[i]);
            System.arraycopy(targets, 0, a.target, rowStart, n);
            if (cols.position != null) {
                short x = cols.position[3 * i];
                short y = cols.position[3 * i + 1];
                short z = cols.position[3 * i + 2];
                for (int p = 3 * rowStart, end = 3 * (rowStart + n); p < end; p += 3) {
                    a.position[p] = x;
                    a.position[p + 1] = y;
                    a.position[p + 2] = z;
                }
            }
        }
    }

    /** Source node and position of every input column of a linear layer. */
    record Columns(int[] source, short[] position) {
        static Columns of(NodeSet x, int width) {
            int[] source = new int[width];
            switch (x.kind()) {
                case FLAT_MAP -> {
                    // column c*P + p comes from channel c at spatial position p
                    int p = x.spatialSize();
                    short[] grid = x.spatialGrid().encodeAll();
                    short[] pos = new short[3 * width];
                    for (int col = 0; col < width; col++) {
                        source[col] = x.start() + col / p;
                        System.arraycopy(grid, 3 * (col % p), pos, 3 * col, 3);
                    }
                    return new Columns(source, pos);
                }
                case FLAT_SEQUENCE -> {
                    // token-major: column t*d + f comes from feature f at token t
                    int d = x.count();
                    short[] pos = new short[3 * width];
                    Arrays.fill(pos, (short) -1);
                    for (int col = 0; col < width; col++) {
                        source[col] = x.start() + col % d;
                        pos[3 * col] = (short) (col / d);
                    }
                    return new Columns(source, pos);
                }
                default -> {
                    for (int col = 0; col < width; col++) {
                        source[col] = x.start() + col;
                    }
                    return new Columns(source, null);
                }
            }
        }
    }
}
