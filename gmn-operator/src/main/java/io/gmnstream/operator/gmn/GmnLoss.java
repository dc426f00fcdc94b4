package io.gmnstream.operator.gmn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Losses on both targets at once ([G, 2] predictions vs [G, 2] targets), built only from
 * array-array ops with engine-made constants that live in the step's manager until after backward
 * (DJL's own losses multiply by Java scalars: trap 1).
 */
public enum GmnLoss {
    MSE, HUBER;

    /** The weighted mean over graphs and targets; {@code weights} is [1, 2], one weight per target column. */
    NDArray compute(NDArray predicted, NDArray target, float huberDelta, NDArray weights) {
        NDArray diff = predicted.sub(target);
        if (this == MSE) {
            return diff.mul(diff).mul(weights).mean();
        }
        var m = diff.getManager();
        NDArray delta = OwnedArrays.constant(m, new Shape(1, 1), huberDelta);
        NDArray half = OwnedArrays.constant(m, new Shape(1, 1), 0.5f);
        NDArray abs = diff.abs();
        NDArray quadratic = abs.minimum(delta);
        NDArray linear = abs.sub(quadratic);
        return quadratic.mul(quadratic).mul(half).add(linear.mul(delta)).mul(weights).mean();
    }
}
