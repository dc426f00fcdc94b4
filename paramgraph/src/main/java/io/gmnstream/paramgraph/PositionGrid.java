package io.gmnstream.paramgraph;

import java.util.List;

/**
 * A grid of up to three dimensions whose flat row-major index is written into the (x, y, z) edge
 * position: a conv kernel, the spatial map flattened into a linear layer, or a LayerNorm's
 * per-position parameters. Unused coordinates are -1.
 */
public record PositionGrid(List<Integer> dims) {
    public static final PositionGrid NONE = new PositionGrid(List.of());

    public PositionGrid {
        dims = List.copyOf(dims);
        if (dims.size() > 3) {
            throw new IllegalArgumentException("positions have at most 3 dimensions, got " + dims);
        }
        for (int d : dims) {
            if (d <= 0 || d > Short.MAX_VALUE) {
                throw new IllegalArgumentException("grid dimensions must be in [1, " + Short.MAX_VALUE + "], got " + dims);
            }
        }
    }

    public static PositionGrid of(int... dims) {
        Integer[] boxed = new Integer[dims.length];
        for (int i = 0; i < dims.length; i++) {
            boxed[i] = dims[i];
        }
        return new PositionGrid(List.of(boxed));
    }

    public boolean isEmpty() {
        return dims.isEmpty();
    }

    /** Number of positions (1 for an empty grid). */
    public int size() {
        int n = 1;
        for (int d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Writes the coordinates of flat index {@code p} to {@code out[at..at+2]}, -1 for unused axes. */
    public void encode(int p, short[] out, int at) {
        int rank = dims.size();
        out[at] = -1;
        out[at + 1] = -1;
        out[at + 2] = -1;
        int rest = p;
        for (int axis = rank - 1; axis >= 0; axis--) {
            int d = dims.get(axis);
            out[at + axis] = (short) (rest % d);
            rest /= d;
        }
    }

    /** Coordinates of every position in order: {@code 3 * size()} shorts. */
    public short[] encodeAll() {
        int n = size();
        short[] out = new short[3 * n];
        for (int p = 0; p < n; p++) {
            encode(p, out, 3 * p);
        }
        return out;
    }

    /** Flat index of the coordinates at {@code pos[at..at+2]}; -1 when they are not a valid position of this grid. */
    public int decode(short[] pos, int at) {
        int rank = dims.size();
        int p = 0;
        for (int axis = 0; axis < 3; axis++) {
            int c = pos[at + axis];
            if (axis < rank) {
                int d = dims.get(axis);
                if (c < 0 || c >= d) {
                    return -1;
                }
                p = p * d + c;
            } else if (c != -1) {
                return -1;
            }
        }
        return p;
    }
}
