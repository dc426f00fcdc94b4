package io.gmnstream.paramgraph;

import java.util.Objects;

/**
 * Base of every error raised while reading tensors or building a parameter graph. The message is one
 * line that says what to fix; {@link #reason()} is the stable machine-readable code.
 */
public class GraphException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final GraphErrorReason reason;

    public GraphException(GraphErrorReason reason, String message) {
        this(reason, message, null);
    }

    public GraphException(GraphErrorReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public GraphErrorReason reason() {
        return reason;
    }
}
