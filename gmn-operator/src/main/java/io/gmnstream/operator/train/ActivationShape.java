package io.gmnstream.operator.train;

import ai.djl.ndarray.types.Shape;
import io.gmnstream.paramgraph.spec.InputSpec;
import java.util.Arrays;

/**
 * The shape of one activation without the batch dimension, and what it is: a feature vector, a
 * channels-first map or a token sequence. The kind matters where the dims alone are ambiguous
 * (a [C, L] map and a [T, d] sequence pool along different axes), as in the graph builder.
 */
record ActivationShape(Kind kind, long[] dims) {
    enum Kind { VECTOR, MAP, SEQUENCE }

    ActivationShape {
        dims = dims.clone();
    }

    /** The network input's shape; token ids are refused (no embedding support). */
    static ActivationShape of(InputSpec input) {
        long[] dims = input.shape().stream().mapToLong(Integer::longValue).toArray();
        return switch (input.layout()) {
            case FEATURES -> new ActivationShape(Kind.VECTOR, dims);
            case CHANNELS_FIRST -> new ActivationShape(Kind.MAP, dims);
            case SEQUENCE -> new ActivationShape(Kind.SEQUENCE, dims);
            case TOKENS -> throw new UnsupportedLayerException(null, "input layout tokens is not supported (no embedding)");
        };
    }

    static ActivationShape vector(long width) {
        return new ActivationShape(Kind.VECTOR, new long[] {width});
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    /** Channels of a map, features of a vector or of each token. */
    long channels() {
        return kind == Kind.SEQUENCE ? dims[dims.length - 1] : dims[0];
    }

    long last() {
        return dims[dims.length - 1];
    }

    int spatialRank() {
        return kind == Kind.MAP ? dims.length - 1 : 0;
    }

    long size() {
        return Arrays.stream(dims).reduce(1, Math::multiplyExact);
    }

    ActivationShape withDims(long... newDims) {
        return new ActivationShape(kind, newDims);
    }

    /** The DJL shape of a batch of one: what blocks are initialised with. */
    Shape batchOfOne() {
        long[] withBatch = new long[dims.length + 1];
        withBatch[0] = 1;
        System.arraycopy(dims, 0, withBatch, 1, dims.length);
        return new Shape(withBatch);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActivationShape s && s.kind == kind && Arrays.equals(s.dims, dims);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + Arrays.toString(dims);
    }
}
