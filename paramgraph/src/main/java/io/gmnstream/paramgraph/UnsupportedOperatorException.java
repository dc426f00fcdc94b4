package io.gmnstream.paramgraph;

/** An operator (spec op or ONNX node op type) that the graph builder cannot lower. */
public final class UnsupportedOperatorException extends GraphException {
    private static final long serialVersionUID = 1L;
    private final String nodeName;
    private final String opType;

    public UnsupportedOperatorException(String nodeName, String opType, String hint) {
        super(GraphErrorReason.UNSUPPORTED_OPERATOR,
                "unsupported operator '" + opType + "' at node '" + nodeName + "'" + (hint == null || hint.isEmpty() ? "" : ": " + hint));
        this.nodeName = nodeName;
        this.opType = opType;
    }

    public String nodeName() {
        return nodeName;
    }

    public String opType() {
        return opType;
    }
}
