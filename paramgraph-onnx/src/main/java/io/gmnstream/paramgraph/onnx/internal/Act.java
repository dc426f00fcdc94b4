package io.gmnstream.paramgraph.onnx.internal;

import java.util.Arrays;

/**
 * An activation: a tensor of the network whose neurons/channels are the nodes of a spec layer.
 *
 * @param layer       the spec layer (or "input") to list as the input of the next layer
 * @param nodes       the spec layer whose nodes this activation carries (parameter-free layers pass
 *                    nodes through): two activations with the same nodes are the same neurons
 * @param kind        how the builder sees it
 * @param dims        the physical ONNX shape, batch included ({@link Value#BATCH})
 * @param featureAxis the axis of {@code dims} that indexes the nodes
 * @param bias        an open bias slot: the last layer has no bias yet and a following Add of a
 *                    constant vector may supply it (MatMul + Add = Linear); null when closed
 */
public record Act(String layer, String nodes, Kind kind, long[] dims, int featureAxis, BiasSlot bias) implements Value {
    public enum Kind {
        /** one node per feature: [N, n] (or [N, C, 1, 1] after a global pool) */
        VECTOR,
        /** channels first: [N, C, spatial...] */
        MAP,
        /** tokens: [N, T, d] (any order of N and T, features last) */
        SEQUENCE
    }

    /** A layer waiting for its bias vector. */
    public record BiasSlot(String layerName, int width) {
    }

    public Act {
        dims = dims.clone();
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    public long dim(int axis) {
        return dims[axis];
    }

    /** Number of nodes: features or channels. */
    public int width() {
        return (int) dims[featureAxis];
    }

    /** The spatial sizes of a MAP. */
    public long[] spatial() {
        return Arrays.copyOfRange(dims, 2, dims.length);
    }

    /** Elements per sample (all dims but the batch), or -1 when a dimension is not known. */
    public long perSample() {
        long n = 1;
        for (long d : dims) {
            if (d == Value.BATCH) {
                continue;
            }
            if (d < 0 || Value.symbolic(d)) {
                return -1;
            }
            n *= d;
        }
        return n;
    }

    /** The same activation, produced by {@code layer}, with new dims. */
    public Act through(String newLayer, Kind newKind, long[] newDims, int newFeatureAxis) {
        return new Act(newLayer, nodes, newKind, newDims, newFeatureAxis, null);
    }

    public Act withDims(long[] newDims, int newFeatureAxis) {
        return new Act(layer, nodes, kind, newDims, newFeatureAxis, null);
    }

    public Act closed() {
        return bias == null ? this : new Act(layer, nodes, kind, dims, featureAxis, null);
    }

    @Override
    public String toString() {
        return "Act[" + layer + ", " + kind + ", " + Arrays.toString(dims) + "]";
    }
}
