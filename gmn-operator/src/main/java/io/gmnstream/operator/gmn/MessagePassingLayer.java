package io.gmnstream.operator.gmn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One GMN layer, with residual updates:
 * <pre>
 *   e' = norm(e + W2 relu(A h_src + B h_dst + C e + b))  (edge update: an MLP on [h_src, h_dst, e])
 *   s  = A e'          (sum of incoming e', A = [N, E] incidence, sparse)
 *   h' = norm(h + MLP_n([h, s, s / in-degree]))           (node update, norm = per-row LayerNorm)
 * </pre>
 * Gathering by index and summing over incoming edges treat every node the same whatever its id, so
 * relabelling hidden neurons permutes rows of h and e and nothing else. The mean next to the sum
 * keeps the scale of high in-degree nodes (conv channels with hundreds of edges) in range.
 *
 * <p>The edge MLP's first layer is split by operand so that A h and B h are computed once per node
 * and then gathered onto edges: the same function as a dense layer on the concatenation, with
 * a third of the per-edge multiply-adds (edges outnumber nodes 10-100x in weight graphs).
 *
 * <p>Input list: h [N, H], e [E, H], src [E], dst [E], A [N, E] sparse, 1/in-degree [N, 1].
 * Output: h' and e'.
 */
final class MessagePassingLayer extends AbstractBlock {
    private final int hidden;
    private final DenseLayer edgeFromSource;
    private final DenseLayer edgeFromTarget;
    private final DenseLayer edgeFromEdge;
    private final DenseLayer edgeOut;
    private final Mlp nodeMlp;
    private final RowNorm edgeNorm;
    private final RowNorm nodeNorm;

    MessagePassingLayer(int hidden) {
        super((byte) 1);
        this.hidden = hidden;
        this.edgeFromSource = addChildBlock("edgeSrc", new DenseLayer(hidden, hidden, false));
        this.edgeFromTarget = addChildBlock("edgeDst", new DenseLayer(hidden, hidden, false));
        this.edgeFromEdge = addChildBlock("edgeSelf", new DenseLayer(hidden, hidden, true));
        this.edgeOut = addChildBlock("edgeOut", new DenseLayer(hidden, hidden, true));
        this.nodeMlp = addChildBlock("node", new Mlp(3 * hidden, hidden, hidden));
        this.edgeNorm = addChildBlock("edgeNorm", new RowNorm(hidden));
        this.nodeNorm = addChildBlock("nodeNorm", new RowNorm(hidden));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.get(0);
        NDArray e = inputs.get(1);
        NDArray src = inputs.get(2);
        NDArray dst = inputs.get(3);
        NDArray incidence = inputs.get(4);
        NDArray invDegree = inputs.get(5);
        // C e + b enters as C e plus the gathered node terms, with b added per node (N rows, not E).
        NDArray sourceTerm = edgeFromEdge.addBias(store, dense(edgeFromSource, store, h, training), training);
        NDArray fromSource = NDArrays2.gatherRows(sourceTerm, src);
        NDArray fromTarget = NDArrays2.gatherRows(dense(edgeFromTarget, store, h, training), dst);
        NDArray pre = edgeFromEdge.linearPlus(store, e, fromSource.add(fromTarget), training);
        NDArray message = dense(edgeOut, store, Activation.relu(pre), training);
        NDArray e2 = edgeNorm.apply(store, e.add(message), training);
        // DJL has no scatter-add: sparse [N, E] x dense [E, H] sums the incoming messages per node.
        NDArray sum = incidence.matMul(e2);
        NDArray mean = sum.mul(invDegree);
        NDArray nodeIn = NDArrays2.concat(h, sum, mean);
        NDArray h2 = nodeNorm.apply(store, h.add(nodeMlp.apply(store, nodeIn, training)), training);
        return new NDList(h2, e2);
    }

    private static NDArray dense(DenseLayer layer, ParameterStore store, NDArray x, boolean training) {
        return layer.forward(store, new NDList(x), training).singletonOrThrow();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        edgeFromSource.initialize(manager, dataType, inputShapes);
        edgeFromTarget.initialize(manager, dataType, inputShapes);
        edgeFromEdge.initialize(manager, dataType, inputShapes);
        edgeOut.initialize(manager, dataType, inputShapes);
        nodeMlp.initialize(manager, dataType, inputShapes);
        edgeNorm.initialize(manager, dataType, inputShapes);
        nodeNorm.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), hidden), new Shape(inputShapes[1].get(0), hidden)};
    }
}
