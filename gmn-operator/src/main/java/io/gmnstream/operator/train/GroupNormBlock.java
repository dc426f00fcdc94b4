package io.gmnstream.operator.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * GroupNorm as PyTorch defines it (DJL has none): statistics per sample over each group of
 * {@code channels / groups} channels and all positions, biased variance, eps 1e-5, then a
 * per-channel gamma and beta. Input [batch, channels, spatial...] or [batch, channels].
 */
final class GroupNormBlock extends AbstractBlock {
    static final float EPSILON = 1e-5f;

    private final int groups;
    private final Parameter gamma;
    private final Parameter beta;

    GroupNormBlock(int groups, int channels, boolean affine) {
        this.groups = groups;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).optRequiresGrad(affine)
                .optInitializer(Initializer.ONES).optShape(new Shape(channels)).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).optRequiresGrad(affine)
                .optInitializer(Initializer.ZEROS).optShape(new Shape(channels)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Device device = x.getDevice();
        Shape shape = x.getShape();
        NDArray grouped = x.reshape(shape.get(0), groups, -1);
        NDArray centered = grouped.sub(grouped.mean(new int[] {2}, true));
        NDArray variance = centered.mul(centered).mean(new int[] {2}, true);
        // eps as an array kept open until after backward (DJL_NOTES trap 1), not a Java scalar.
        NDArray eps = x.getManager().full(new Shape(), EPSILON);
        NDArray normalised = centered.div(variance.add(eps).sqrt()).reshape(shape);
        long[] perChannel = new long[shape.dimension()];
        java.util.Arrays.fill(perChannel, 1);
        perChannel[1] = shape.get(1);
        NDArray g = store.getValue(gamma, device, training).reshape(perChannel);
        NDArray b = store.getValue(beta, device, training).reshape(perChannel);
        return new NDList(normalised.mul(g).add(b));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
