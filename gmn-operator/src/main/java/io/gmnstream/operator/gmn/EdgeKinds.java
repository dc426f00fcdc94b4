package io.gmnstream.operator.gmn;

import java.util.Arrays;

/**
 * The distinct edge kinds of a batch: an edge's kind is its (type, layer, kernel x, kernel y,
 * kernel z) codes, and a batch of thousands of weights has only tens of kinds (a conv layer has one
 * per kernel position). {@link GmnBlock} sums the five code embeddings once per kind and gathers the
 * sums onto edges: one [E, H] gather instead of five gathers and five adds, the same values.
 *
 * <p>Kinds are numbered in order of first appearance. Codes must be below 2^12 (type, kernel) and
 * 2^15 (layer); {@link GraphBatch} clips them to the configured tables, which are far smaller.
 */
final class EdgeKinds {
    /** Codes per kind: type, layer, kernel x, kernel y, kernel z. */
    static final int COMPONENTS = 5;
    private static final int KERNEL_BITS = 12;
    private static final int LAYER_BITS = 15;

    private final long[] edgeKind;
    private long[] keys = new long[64];
    private int[] ids = new int[64];
    private long[][] codes = new long[COMPONENTS][16];
    private int count;

    EdgeKinds(int edges) {
        this.edgeKind = new long[edges];
        Arrays.fill(keys, -1L);
    }

    /** Records edge {@code edge}'s kind. */
    void set(int edge, long type, long layer, long kx, long ky, long kz) {
        if ((type | kx | ky | kz) >>> KERNEL_BITS != 0 || layer >>> LAYER_BITS != 0) {
            throw new IllegalArgumentException("edge " + edge + ": kind codes out of range: type " + type + ", layer "
                    + layer + ", kernel (" + kx + ", " + ky + ", " + kz + ")");
        }
        long key = ((((type << LAYER_BITS | layer) << KERNEL_BITS | kx) << KERNEL_BITS | ky) << KERNEL_BITS) | kz;
        edgeKind[edge] = idOf(key, type, layer, kx, ky, kz);
    }

    /** Per edge, its kind's id: [E]. */
    long[] edgeKind() {
        return edgeKind;
    }

    /** Number of distinct kinds. */
    int count() {
        return count;
    }

    /** Per kind, component {@code c} (0 type, 1 layer, 2-4 kernel x/y/z): [count]. */
    long[] component(int c) {
        return Arrays.copyOf(codes[c], count);
    }

    // Open addressing with linear probing; keys are non-negative, -1 marks a free slot.
    private int idOf(long key, long type, long layer, long kx, long ky, long kz) {
        int slot = slotOf(key);
        while (keys[slot] != -1L) {
            if (keys[slot] == key) {
                return ids[slot];
            }
            slot = (slot + 1) & (keys.length - 1);
        }
        int id = count++;
        keys[slot] = key;
        ids[slot] = id;
        if (id == codes[0].length) {
            for (int c = 0; c < codes.length; c++) {
                codes[c] = Arrays.copyOf(codes[c], 2 * id);
            }
        }
        codes[0][id] = type;
        codes[1][id] = layer;
        codes[2][id] = kx;
        codes[3][id] = ky;
        codes[4][id] = kz;
        if (2 * count > keys.length) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        long[] oldKeys = keys;
        int[] oldIds = ids;
        keys = new long[2 * oldKeys.length];
        ids = new int[keys.length];
        Arrays.fill(keys, -1L);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != -1L) {
                int slot = slotOf(oldKeys[i]);
                while (keys[slot] != -1L) {
                    slot = (slot + 1) & (keys.length - 1);
                }
                keys[slot] = oldKeys[i];
                ids[slot] = oldIds[i];
            }
        }
    }

    /** Home slot of a key in the current table (a power of two): a multiplicative hash, so near keys spread. */
    private int slotOf(long key) {
        return Long.hashCode(key * 0x9E3779B97F4A7C15L) & (keys.length - 1);
    }
}
