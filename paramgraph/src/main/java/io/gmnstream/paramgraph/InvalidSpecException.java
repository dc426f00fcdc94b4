package io.gmnstream.paramgraph;

/** A layer spec that is inconsistent (bad field, unknown input, width that does not match its input). */
public final class InvalidSpecException extends GraphException {
    private static final long serialVersionUID = 1L;
    private final String layer;
    private final String field;

    public InvalidSpecException(String layer, String field, String problem) {
        this(layer, field, problem, null);
    }

    public InvalidSpecException(String layer, String field, String problem, Throwable cause) {
        super(GraphErrorReason.INVALID_SPEC,
                "invalid spec at " + (layer == null ? "network" : "layer '" + layer + "'")
                        + (field == null ? "" : ", field '" + field + "'") + ": " + problem, cause);
        this.layer = layer;
        this.field = field;
    }

    /** The layer name, or null for network-level fields (format, input). */
    public String layer() {
        return layer;
    }

    public String field() {
        return field;
    }
}
