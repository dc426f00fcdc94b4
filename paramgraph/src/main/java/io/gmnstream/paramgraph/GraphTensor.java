package io.gmnstream.paramgraph;

import io.gmnstream.paramgraph.tensor.DType;
import java.util.Arrays;

/**
 * One parameter tensor of a layer: its role, the checkpoint tensor name, its declared shape and
 * stored type, and the edge range that holds its values (one edge per element).
 */
public record GraphTensor(String role, String tensorName, long[] shape, int edgeOffset, int edgeCount, DType sourceType) {
    public GraphTensor {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GraphTensor t && role.equals(t.role) && tensorName.equals(t.tensorName) && Arrays.equals(shape, t.shape)
                && edgeOffset == t.edgeOffset && edgeCount == t.edgeCount && sourceType == t.sourceType;
    }

    @Override
    public int hashCode() {
        return (role.hashCode() * 31 + tensorName.hashCode()) * 31 + edgeOffset;
    }

    @Override
    public String toString() {
        return "GraphTensor[" + role + "=" + tensorName + " " + Arrays.toString(shape) + " edges " + edgeOffset + "+" + edgeCount + "]";
    }
}
