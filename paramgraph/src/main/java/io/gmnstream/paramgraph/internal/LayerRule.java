package io.gmnstream.paramgraph.internal;

import io.gmnstream.paramgraph.spec.LayerSpec;
import java.util.List;

/** The graph rule of one family of layers (docs/PARAMETER_GRAPHS.md, "Layer rules"). */
interface LayerRule<S extends LayerSpec> {
    /**
     * Validates the layer against the activations it reads, reserves its nodes, edges and tensors in
     * the planner, and returns how to fill them.
     */
    LayerResult plan(S spec, List<NodeSet> inputs, Planner planner);
}
