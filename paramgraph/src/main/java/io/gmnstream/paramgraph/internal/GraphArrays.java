package io.gmnstream.paramgraph.internal;

import io.gmnstream.paramgraph.EdgeType;
import java.util.Arrays;

/** The packed output arrays, allocated once at their exact final size, with bulk fill helpers. */
public final class GraphArrays {
    final byte[] nodeType;
    final short[] nodeLayer;
    final int[] nodePosition;
    final int[] source;
    final int[] target;
    final float[] value;
    final short[] layer;
    final byte[] type;
    final short[] position;

    GraphArrays(int nodes, int edges) {
        nodeType = new byte[nodes];
        nodeLayer = new short[nodes];
        nodePosition = new int[nodes];
        source = new int[edges];
        target = new int[edges];
        value = new float[edges];
        layer = new short[edges];
        type = new byte[edges];
        position = new short[3 * edges];
        // most edges carry no position: start from -1 everywhere, positional rules overwrite
        Arrays.fill(position, (short) -1);
    }

    /** Sets layer and type of edges {@code [offset, offset + count)}. */
    void meta(int offset, int count, int layerIndex, EdgeType edgeType) {
        Arrays.fill(layer, offset, offset + count, (short) layerIndex);
        Arrays.fill(type, offset, offset + count, edgeType.code());
    }

    /** Copies a tensor's values, in its memory order, to consecutive edges. */
    void values(int offset, float[] values) {
        System.arraycopy(values, 0, value, offset, values.length);
    }

    /**
     * Edges from one special node (bias, gamma, beta) to {@code count} consecutive targets, each
     * repeated {@code repeat} times (per-position parameters), with the given values.
     */
    void fan(int offset, int sourceNode, int firstTarget, int count, int repeat, float[] values, int layerIndex, EdgeType edgeType) {
        int n = count * repeat;
        Arrays.fill(source, offset, offset + n, sourceNode);
        if (repeat == 1) {
            for (int i = 0; i < count; i++) {
                target[offset + i] = firstTarget + i;
            }
        } else {
            for (int i = 0; i < count; i++) {
                Arrays.fill(target, offset + i * repeat, offset + (i + 1) * repeat, firstTarget + i);
            }
        }
        System.arraycopy(values, 0, value, offset, n);
        meta(offset, n, layerIndex, edgeType);
    }

    /** Repeats a row of 3-short positions {@code rows} times from edge {@code offset}. */
    void repeatPositions(int offset, short[] row, int rows) {
        int at = 3 * offset;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(row, 0, position, at, row.length);
            at += row.length;
        }
    }

    static int[] consecutive(int first, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = first + i;
        }
        return out;
    }
}
