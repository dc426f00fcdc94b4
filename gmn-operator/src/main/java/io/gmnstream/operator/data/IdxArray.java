package io.gmnstream.operator.data;

import java.util.Arrays;
import java.util.Objects;

/** An unsigned-byte IDX array: its dimensions and its row-major values (0..255 as bytes). */
public record IdxArray(int[] dims, byte[] data) {
    public IdxArray {
        dims = Objects.requireNonNull(dims, "dims").clone();
        Objects.requireNonNull(data, "data");
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    public int dim(int axis) {
        return dims[axis];
    }

    public int unsigned(int index) {
        return Byte.toUnsignedInt(data[index]);
    }

    @Override
    public String toString() {
        return "IdxArray" + Arrays.toString(dims);
    }
}
