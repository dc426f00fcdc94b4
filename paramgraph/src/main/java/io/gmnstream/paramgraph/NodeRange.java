package io.gmnstream.paramgraph;

/** A contiguous range of node ids {@code [start, start + count)}. */
public record NodeRange(int start, int count) {
    public static final NodeRange EMPTY = new NodeRange(0, 0);

    public NodeRange {
        if (start < 0 || count < 0) {
            throw new IllegalArgumentException("node range needs start >= 0 and count >= 0, got " + start + "+" + count);
        }
    }

    public int end() {
        return start + count;
    }

    public boolean contains(int node) {
        return node >= start && node < start + count;
    }
}
