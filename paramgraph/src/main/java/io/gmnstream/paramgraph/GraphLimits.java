package io.gmnstream.paramgraph;

/**
 * Size limits checked before anything is allocated.
 *
 * @param maxParameters  most parameters (= weight edges) in one graph; at most {@link #MAX_PARAMETERS_CAP}
 *                       because edges are int-indexed arrays
 * @param maxTensorBytes most bytes of one tensor, as stored and as float32 in memory
 * @param maxFileBytes   most bytes of one checkpoint file; at most {@link Integer#MAX_VALUE} (read as one buffer)
 * @param maxHeaderBytes most bytes of a safetensors JSON header
 */
public record GraphLimits(long maxParameters, long maxTensorBytes, long maxFileBytes, long maxHeaderBytes) {
    public static final long MAX_PARAMETERS_CAP = Integer.MAX_VALUE - 64L;

    public GraphLimits {
        requireInRange("maxParameters", maxParameters, MAX_PARAMETERS_CAP);
        requireInRange("maxTensorBytes", maxTensorBytes, Integer.MAX_VALUE - 64L);
        requireInRange("maxFileBytes", maxFileBytes, Integer.MAX_VALUE);
        requireInRange("maxHeaderBytes", maxHeaderBytes, maxFileBytes);
    }

    /** 50M parameters, 512 MiB per tensor, 1 GiB per file, 16 MiB of header. */
    public static GraphLimits defaults() {
        return new GraphLimits(50_000_000L, 512L << 20, 1L << 30, 16L << 20);
    }

    public GraphLimits withMaxParameters(long value) {
        return new GraphLimits(value, maxTensorBytes, maxFileBytes, maxHeaderBytes);
    }

    public GraphLimits withMaxTensorBytes(long value) {
        return new GraphLimits(maxParameters, value, maxFileBytes, maxHeaderBytes);
    }

    public GraphLimits withMaxFileBytes(long value) {
        return new GraphLimits(maxParameters, maxTensorBytes, value, Math.min(maxHeaderBytes, value));
    }

    public GraphLimits withMaxHeaderBytes(long value) {
        return new GraphLimits(maxParameters, maxTensorBytes, maxFileBytes, value);
    }

    private static void requireInRange(String key, long value, long max) {
        if (value <= 0 || value > max) {
            throw new IllegalArgumentException("GraphLimits." + key + " must be in [1, " + max + "], got " + value);
        }
    }
}
