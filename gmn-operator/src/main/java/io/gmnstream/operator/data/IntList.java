package io.gmnstream.operator.data;

import java.util.Arrays;

/** A growable int array (no boxing). */
final class IntList {
    private int[] values = new int[256];
    private int size;

    void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = v;
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
