package io.gmnstream.paramgraph.internal;

import io.gmnstream.paramgraph.GraphTensor;
import io.gmnstream.paramgraph.tensor.Tensor;

/** A tensor a layer needs, its expected shape and its edge range; the tensor is attached after planning. */
public final class TensorRef {
    private final String layer;
    private final String role;
    private final String name;
    private final long[] expectedShape;
    private final int edgeOffset;
    private final int edgeCount;
    private Tensor tensor;

    TensorRef(String layer, String role, String name, long[] expectedShape, int edgeOffset, int edgeCount) {
        this.layer = layer;
        this.role = role;
        this.name = name;
        this.expectedShape = expectedShape.clone();
        this.edgeOffset = edgeOffset;
        this.edgeCount = edgeCount;
    }

    public String layer() {
        return layer;
    }

    public String role() {
        return role;
    }

    public String name() {
        return name;
    }

    long[] expectedShape() {
        return expectedShape.clone();
    }

    public int edgeOffset() {
        return edgeOffset;
    }

    public int edgeCount() {
        return edgeCount;
    }

    void attach(Tensor tensor) {
        this.tensor = tensor;
    }

    /** Values in the layout of the expected shape (same element order as the declared shape). */
    public float[] values() {
        if (tensor == null) {
            throw new IllegalStateException("tensor '" + name + "' read before the tensors were fetched");
        }
        return tensor.values();
    }

    GraphTensor describe() {
        return new GraphTensor(role, name, tensor.shape(), edgeOffset, edgeCount, tensor.sourceType());
    }
}
