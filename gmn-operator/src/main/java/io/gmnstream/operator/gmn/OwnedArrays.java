package io.gmnstream.operator.gmn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays whose memory belongs to the engine. {@code manager.create(javaArray)} on the CPU shares
 * the Java buffer (DJL_NOTES traps 1 and 3); a {@code duplicate()} is a native copy, and the
 * Java-backed original is closed at once, so nothing later can read a freed buffer.
 */
final class OwnedArrays {
    private OwnedArrays() {
    }

    static NDArray floats(NDManager manager, float[] values, Shape shape) {
        try (NDArray shared = manager.create(values, shape)) {
            return shared.duplicate();
        }
    }

    static NDArray longs(NDManager manager, long[] values, Shape shape) {
        try (NDArray shared = manager.create(values, shape)) {
            return shared.duplicate();
        }
    }

    /** A scalar-like constant made by the engine (never a Java-backed scalar, trap 1). */
    static NDArray constant(NDManager manager, Shape shape, float value) {
        return manager.full(shape, value, DataType.FLOAT32);
    }
}
