package io.gmnstream.operator.gmn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Encodes an edge value v [E, 1] as [s, l, sin(s f), cos(s f), sin(l g), cos(l g)] with
 * s = sign(v) ln(1 + |v|) and l = ln(|v| + 1e-8) / 8, then a dense layer to the hidden width.
 * Weights span several decades: the value frequencies f = pi * 2^k resolve the sign and fine value
 * differences, the log-magnitude frequencies g = 2^k resolve the scale. s equals v to first order
 * for ordinary weights but grows only logarithmically: diverging runs carry weights of 1e8 and
 * more, and a raw v feature turned those into gradients large enough to freeze Adam's updates of
 * this layer for hundreds of steps (the GMN then only learned the mean). The frequencies are fixed (a function of the
 * {@code frequencies} hyperparameter), not learned, and are made per call in the caller's
 * manager from engine-owned arrays; the value carries no gradient, so nothing here is recorded.
 */
final class ValueEncoder extends AbstractBlock {
    private static final float LOG_EPSILON = 1e-8f;
    private static final float LOG_SCALE = 1f / 8f;
    private final int frequencies;
    private final int hidden;
    private final DenseLayer projection;

    ValueEncoder(int frequencies, int hidden) {
        super((byte) 1);
        this.frequencies = frequencies;
        this.hidden = hidden;
        this.projection = addChildBlock("projection", new DenseLayer(2 + 4 * frequencies, hidden));
    }

    NDArray apply(ParameterStore store, NDArray values, boolean training) {
        return forward(store, new NDList(values), training).singletonOrThrow();
    }

    /**
     * The encoding plus a per-kind offset: projection(features(v)) + offsets[kind], for values [E, 1],
     * offsets [K, H] and kinds [E]. The projection's bias is added to the K offset rows and the
     * gathered rows enter the projection's GEMM as its addend, so the [E, H] result costs one gather
     * and one GEMM instead of a GEMM and an add.
     */
    NDArray encode(ParameterStore store, NDArray values, NDArray offsets, NDArray kinds, boolean training) {
        NDArray perEdge = NDArrays2.gatherRows(projection.addBias(store, offsets, training), kinds);
        return projection.linearPlus(store, features(values), perEdge, training);
    }

    /** The engine-side features, exposed for tests. */
    NDArray features(NDArray v) {
        NDManager m = v.getManager();
        float[] valueFreq = new float[frequencies];
        float[] logFreq = new float[frequencies];
        for (int k = 0; k < frequencies; k++) {
            valueFreq[k] = (float) (Math.PI * Math.pow(2, k));
            logFreq[k] = (float) Math.pow(2, k);
        }
        NDArray f = OwnedArrays.floats(m, valueFreq, new Shape(1, frequencies));
        NDArray g = OwnedArrays.floats(m, logFreq, new Shape(1, frequencies));
        NDArray eps = OwnedArrays.constant(m, new Shape(1, 1), LOG_EPSILON);
        NDArray scale = OwnedArrays.constant(m, new Shape(1, 1), LOG_SCALE);
        NDArray one = OwnedArrays.constant(m, new Shape(1, 1), 1f);
        NDArray magnitude = v.abs();
        NDArray l = magnitude.add(eps).log().mul(scale);
        NDArray s = magnitude.add(one).log().mul(v.sign());
        NDArray sf = s.matMul(f);
        NDArray lg = l.matMul(g);
        return NDArrays2.concat(s, l, sf.sin(), sf.cos(), lg.sin(), lg.cos());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return projection.forward(store, new NDList(features(inputs.singletonOrThrow())), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        projection.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), hidden)};
    }
}
