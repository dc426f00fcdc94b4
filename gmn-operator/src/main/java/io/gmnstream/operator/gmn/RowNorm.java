package io.gmnstream.operator.gmn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * Layer normalisation over the feature axis of each row (node or edge). It acts on every row
 * alone, so it keeps permutation invariance, and it stops states from growing with the in-degree
 * (a conv channel sums hundreds of messages) through the layers.
 */
final class RowNorm extends AbstractBlock {
    private final int width;
    private final Parameter gamma;
    private final Parameter beta;

    RowNorm(int width) {
        super((byte) 1);
        this.width = width;
        this.gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                .optShape(new Shape(width)).optInitializer(new ConstantInitializer(1f)).build());
        this.beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                .optShape(new Shape(width)).optInitializer(new ConstantInitializer(0f)).build());
    }

    NDArray apply(ParameterStore store, NDArray x, boolean training) {
        return forward(store, new NDList(x), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return LayerNorm.layerNorm(x, new Shape(width), store.getValue(gamma, x.getDevice(), training),
                store.getValue(beta, x.getDevice(), training), 1e-5f);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
