package io.gmnstream.paramgraph;

/** Machine-readable reason carried by every {@link GraphException}; used in dead-letter records. */
public enum GraphErrorReason {
    MALFORMED_INPUT,
    UNSUPPORTED_OPERATOR,
    SHAPE_MISMATCH,
    TOO_LARGE,
    MISSING_TENSOR,
    INVALID_SPEC
}
