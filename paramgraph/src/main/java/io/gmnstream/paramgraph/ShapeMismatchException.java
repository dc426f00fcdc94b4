package io.gmnstream.paramgraph;

import java.util.Arrays;

/** A parameter tensor whose shape disagrees with the layer that uses it. */
public final class ShapeMismatchException extends GraphException {
    private static final long serialVersionUID = 1L;
    private final String layer;
    private final String tensor;
    private final long[] expectedShape;
    private final long[] actualShape;

    public ShapeMismatchException(String layer, String tensor, long[] expectedShape, long[] actualShape) {
        super(GraphErrorReason.SHAPE_MISMATCH,
                "layer '" + layer + "': tensor '" + tensor + "' has shape " + Arrays.toString(actualShape)
                        + " but the layer expects " + Arrays.toString(expectedShape)
                        + " (same element count and the same non-1 dimensions in order); fix the layer spec or the checkpoint");
        this.layer = layer;
        this.tensor = tensor;
        this.expectedShape = expectedShape.clone();
        this.actualShape = actualShape.clone();
    }

    public String layer() {
        return layer;
    }

    public String tensor() {
        return tensor;
    }

    public long[] expectedShape() {
        return expectedShape.clone();
    }

    public long[] actualShape() {
        return actualShape.clone();
    }
}
