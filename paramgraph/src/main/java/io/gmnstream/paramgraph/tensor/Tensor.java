package io.gmnstream.paramgraph.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named tensor with float32 values in row-major order. {@code sourceType} is the stored type
 * (F16/BF16 widen exactly; F64 and 32/64-bit integers are rounded to the nearest float).
 * The values array is shared, not copied (tensors can be large): do not modify it.
 */
public record Tensor(String name, DType sourceType, long[] shape, float[] values) {
    public Tensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sourceType, "sourceType");
        Objects.requireNonNull(values, "values");
        shape = shape.clone();
        long n = elementCount(shape);
        if (n != values.length) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape)
                    + " has " + n + " elements but " + values.length + " values were given");
        }
    }

    public static Tensor f32(String name, long[] shape, float[] values) {
        return new Tensor(name, DType.F32, shape, values);
    }

    /** Copy of the shape. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long dim(int axis) {
        return shape[axis];
    }

    public int size() {
        return values.length;
    }

    /** Product of the dimensions; throws ArithmeticException on overflow, IllegalArgumentException on a negative dimension. */
    public static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Equal when name, type, shape and every value's raw bits are equal (NaN payloads and -0.0 count). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Tensor t)) {
            return false;
        }
        if (!name.equals(t.name) || sourceType != t.sourceType || !Arrays.equals(shape, t.shape) || values.length != t.values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (Float.floatToRawIntBits(values[i]) != Float.floatToRawIntBits(t.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, sourceType, Arrays.hashCode(shape), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "Tensor[" + name + ", " + sourceType + ", " + Arrays.toString(shape) + "]";
    }
}
