package io.gmnstream.paramgraph;

/** A tensor that a layer needs is not in the tensor source. */
public final class MissingTensorException extends GraphException {
    private static final long serialVersionUID = 1L;
    private final String tensorName;
    private final String layer;

    /** Raised by a tensor source, which does not know the layer. */
    public MissingTensorException(String tensorName) {
        super(GraphErrorReason.MISSING_TENSOR, "no tensor named '" + tensorName + "' in the tensor source");
        this.tensorName = tensorName;
        this.layer = null;
    }

    /** Raised by the builder, naming the layer and role that need the tensor. */
    public MissingTensorException(String layer, String role, String tensorName, Throwable cause) {
        super(GraphErrorReason.MISSING_TENSOR,
                "layer '" + layer + "' needs tensor '" + tensorName + "' (role " + role
                        + ") but the checkpoint has none; map the role with \"params\" or add the tensor", cause);
        this.tensorName = tensorName;
        this.layer = layer;
    }

    public String tensorName() {
        return tensorName;
    }

    /** The layer that needs the tensor, or null when raised by a tensor source. */
    public String layer() {
        return layer;
    }
}
