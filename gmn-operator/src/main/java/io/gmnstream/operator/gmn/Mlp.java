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

/** Two dense layers with a ReLU between them: in -> hidden -> out. */
final class Mlp extends AbstractBlock {
    private final DenseLayer first;
    private final DenseLayer second;

    Mlp(int in, int hidden, int out) {
        super((byte) 1);
        this.first = addChildBlock("fc1", new DenseLayer(in, hidden));
        this.second = addChildBlock("fc2", new DenseLayer(hidden, out));
    }

    NDArray apply(ParameterStore store, NDArray x, boolean training) {
        return forward(store, new NDList(x), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList hidden = first.forward(store, inputs, training);
        return second.forward(store, new NDList(Activation.relu(hidden.singletonOrThrow())), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // Widths are constructor arguments; the shapes passed here are not used.
        first.initialize(manager, dataType, inputShapes);
        second.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return second.getOutputShapes(first.getOutputShapes(inputShapes));
    }
}
