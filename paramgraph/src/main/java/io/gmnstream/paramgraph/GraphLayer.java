package io.gmnstream.paramgraph;

import io.gmnstream.paramgraph.spec.LayerSpec;
import java.util.List;

/**
 * Metadata of one spec layer in a built graph: enough, with the edges, to rebuild its tensors.
 *
 * @param layerIndex  the layer index of its edges (attention: Q/K/V; the output projection is +1);
 *                    for a parameter-free layer, the layer index of the nodes it passes on
 * @param input       the nodes its weight edges start from (embedding: its vocabulary nodes; add: the
 *                    operand created first)
 * @param hidden      the attention neurons of an attention layer, else empty
 * @param output      the nodes it passes on
 * @param grid        positions of a linear layer's flattened input, or of a LayerNorm's per-position
 *                    parameters; empty otherwise (conv kernel positions come from the spec)
 * @param positionMajor true when a flattened input is ordered position-major (a sequence: column
 *                    {@code t*d + f}); false for channel-major maps (column {@code c*H*W + h*W + w})
 * @param edgeOffset  first edge of this layer (its edges are contiguous)
 * @param edgeCount   edges of this layer, residual edges included
 */
public record GraphLayer(String name, String op, int layerIndex, LayerSpec spec, NodeRange input, NodeRange hidden,
                         NodeRange output, PositionGrid grid, boolean positionMajor, int edgeOffset, int edgeCount,
                         List<GraphTensor> tensors) {
    public GraphLayer {
        tensors = List.copyOf(tensors);
    }

    public GraphTensor tensor(String role) {
        for (GraphTensor t : tensors) {
            if (t.role().equals(role)) {
                return t;
            }
        }
        throw new IllegalArgumentException("layer '" + name + "' has no tensor with role '" + role + "'");
    }
}
