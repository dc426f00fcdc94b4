package io.gmnstream.paramgraph;

/** Bytes that are not a valid file of the expected format (truncated, random, inconsistent). */
public final class MalformedInputException extends GraphException {
    private static final long serialVersionUID = 1L;
    private final long byteOffset;

    public MalformedInputException(long byteOffset, String problem) {
        this(byteOffset, problem, null);
    }

    public MalformedInputException(long byteOffset, String problem, Throwable cause) {
        super(GraphErrorReason.MALFORMED_INPUT, "malformed input at byte " + byteOffset + ": " + problem, cause);
        this.byteOffset = byteOffset;
    }

    /** Offset in the input where the problem was detected. */
    public long byteOffset() {
        return byteOffset;
    }
}
