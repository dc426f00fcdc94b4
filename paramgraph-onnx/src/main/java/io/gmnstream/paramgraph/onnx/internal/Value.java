package io.gmnstream.paramgraph.onnx.internal;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.Arrays;

/**
 * What the importer knows about one ONNX value. Values are immutable; a matcher turns the values
 * of a node's inputs into the values of its outputs.
 */
public sealed interface Value permits Value.Const, Value.Meta, Value.TokenIds, Act, Pattern {
    /** Marks the batch dimension in shapes and folded shape vectors. */
    long BATCH = Long.MIN_VALUE;
    /** Marks a dimension or element the importer could not determine statically. */
    long UNKNOWN = Long.MIN_VALUE + 1;

    /** True for {@link #BATCH} and {@link #UNKNOWN}, which are not numbers. */
    static boolean symbolic(long v) {
        return v == BATCH || v == UNKNOWN;
    }

    /**
     * A constant tensor: an initializer, a Constant node, or an alias of one (Identity, Transpose).
     *
     * @param name       the tensor name the spec uses for it
     * @param proto      the stored tensor
     * @param transposed true when the value is the 2-D transpose of {@code proto}
     * @param initializer true when it comes from a graph initializer (not a Constant node)
     */
    record Const(String name, TensorProto proto, boolean transposed, boolean initializer) implements Value {
        public long[] dims() {
            long[] d = new long[proto.getDimsCount()];
            for (int i = 0; i < d.length; i++) {
                d[i] = proto.getDims(i);
            }
            if (transposed && d.length == 2) {
                return new long[] {d[1], d[0]};
            }
            return d;
        }

        /** Element count of the declared dims, or -1 when it overflows. */
        public long elementCount() {
            long n = 1;
            for (long v : dims()) {
                if (v < 0) {
                    return -1;
                }
                try {
                    n = Math.multiplyExact(n, v);
                } catch (ArithmeticException e) {
                    return -1;
                }
            }
            return n;
        }
    }

    /**
     * A value computed from constants and shapes only (shape arithmetic, masks): carries no
     * parameters. {@code ints} holds its elements when it is a small integer vector that could be
     * folded (entries may be {@link #BATCH} or {@link #UNKNOWN}), else null.
     */
    record Meta(long[] ints, double scalar) implements Value {
        public static Meta unknown() {
            return new Meta(null, Double.NaN);
        }

        public static Meta ints(long... values) {
            return new Meta(values, Double.NaN);
        }

        @Override
        public String toString() {
            return "Meta" + (ints == null ? "?" : Arrays.toString(ints));
        }
    }

    /**
     * The network input when it holds integer token ids [N, T]. It has no nodes of its own, so the
     * only node allowed to read it is an embedding ({@link EmbeddingMatcher}).
     */
    record TokenIds(String name, int tokens) implements Value {
    }
}
