package io.gmnstream.paramgraph.internal;

import io.gmnstream.paramgraph.NodeRange;
import io.gmnstream.paramgraph.PositionGrid;
import java.util.List;

/**
 * What a rule planned for one layer: the nodes it passes on, the metadata of its graph layer and
 * the emitter that fills its reserved edges once the tensors are fetched.
 */
public record LayerResult(NodeSet output, int layerIndex, NodeRange input, NodeRange hidden, PositionGrid grid,
                          boolean positionMajor, List<TensorRef> tensors, Emitter emitter) {

    /** Fills the edges the rule reserved. */
    @FunctionalInterface
    public interface Emitter {
        void emit(GraphArrays out);
    }

    static final Emitter NOTHING = out -> { };

    /** A parameter-free layer: passes nodes on, owns no edges. */
    static LayerResult passThrough(NodeSet input, NodeSet output) {
        return new LayerResult(output, output.layer(), input.nodes(), NodeRange.EMPTY, PositionGrid.NONE, false, List.of(), NOTHING);
    }
}
