package io.gmnstream.operator.train;

import ai.djl.ndarray.NDArray;

/**
 * Mean softmax cross-entropy against one-hot targets, built from array-array ops only.
 * DJL's own losses multiply by Java scalars; the scalar temporaries are closed while autograd still
 * needs them and a GC between forward and backward corrupts the gradients (DJL_NOTES trap 1).
 * Here every operand is an array the caller keeps open until after backward.
 */
final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {
    }

    /** Scalar loss for logits [B, C] and one-hot targets [B, C]. */
    static NDArray mean(NDArray logits, NDArray oneHotTargets) {
        return logits.logSoftmax(1).mul(oneHotTargets).sum(new int[] {1}).mean().neg();
    }

    /** Row-major one-hot rows for {@code labels} over {@code classes} classes. */
    static float[] oneHot(int[] labels, int classes) {
        float[] out = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            out[i * classes + labels[i]] = 1f;
        }
        return out;
    }
}
