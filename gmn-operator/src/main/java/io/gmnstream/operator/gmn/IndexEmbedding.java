package io.gmnstream.operator.gmn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A learned table of {@code rows} vectors looked up by integer code (node type, layer index, ...).
 * The lookup is a row gather ({@link NDArrays2#gatherRows}), whose gradient is correct in DJL.
 */
final class IndexEmbedding extends AbstractBlock {
    private final int rows;
    private final int dim;
    private final Parameter table;

    IndexEmbedding(int rows, int dim) {
        super((byte) 1);
        if (rows <= 0 || dim <= 0) {
            throw new IllegalArgumentException("embedding needs positive rows and width: " + rows + " x " + dim);
        }
        this.rows = rows;
        this.dim = dim;
        this.table = addParameter(Parameter.builder().setName("table").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(rows, dim)).optInitializer(new NormalInitializer(0.1f)).build());
    }

    NDArray apply(ParameterStore store, NDArray indices, boolean training) {
        return forward(store, new NDList(indices), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray indices = inputs.singletonOrThrow();
        // gatherRows attaches the result to the indices' per-step manager, not the table's
        // long-lived one, where it would leak one array per call (trap 4).
        return new NDList(NDArrays2.gatherRows(store.getValue(table, indices.getDevice(), training), indices));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), dim)};
    }

    int rows() {
        return rows;
    }
}
