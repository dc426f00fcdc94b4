package io.gmnstream.operator.gmn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * y = x W^T + b (or x W^T without a bias) with both widths fixed at construction, so the parameter
 * shapes never depend on the shapes seen at initialisation (trap 5) and a loaded model needs no
 * sample input.
 */
final class DenseLayer extends AbstractBlock {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    DenseLayer(int in, int out) {
        this(in, out, true);
    }

    DenseLayer(int in, int out, boolean withBias) {
        super((byte) 1);
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("dense widths must be positive: " + in + " -> " + out);
        }
        this.in = in;
        this.out = out;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in)).build());
        this.bias = withBias ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).build()) : null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        if (bias == null) {
            // Not x.matMul(w.transpose()): the transpose would attach to the model's manager and leak (trap 4).
            return Linear.linear(x, w);
        }
        return Linear.linear(x, w, store.getValue(bias, x.getDevice(), training));
    }

    /**
     * x W^T + addend, where {@code addend} [rows, out] takes the bias's place in one fused GEMM
     * (torch addmm): a full pass over the output saved. This layer's own bias is not added; fold it
     * into the addend's source with {@link #addBias} while that is still small (per node or kind).
     */
    NDArray linearPlus(ParameterStore store, NDArray x, NDArray addend, boolean training) {
        NDArray out = Linear.linear(x, store.getValue(weight, x.getDevice(), training), addend).singletonOrThrow();
        out.attach(x.getManager());
        return out;
    }

    /** x + b ({@code x} itself when this layer has no bias). */
    NDArray addBias(ParameterStore store, NDArray x, boolean training) {
        return bias == null ? x : x.add(store.getValue(bias, x.getDevice(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), out)};
    }

    int in() {
        return in;
    }
}
