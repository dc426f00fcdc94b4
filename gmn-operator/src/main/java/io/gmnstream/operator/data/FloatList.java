package io.gmnstream.operator.data;

import java.util.Arrays;

/** A growable float array (no boxing: the loaders append millions of pixels). */
final class FloatList {
    private float[] values = new float[1024];
    private int size;

    void add(float v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = v;
    }

    float[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
