package io.gmnstream.paramgraph.internal;

import io.gmnstream.paramgraph.EdgeType;
import io.gmnstream.paramgraph.InvalidSpecException;
import io.gmnstream.paramgraph.NodeRange;
import io.gmnstream.paramgraph.PositionGrid;
import io.gmnstream.paramgraph.spec.LayerSpec;
import java.util.Arrays;
import java.util.List;

/**
 * Residual add y = x + f(x): one residual edge of value 1.0 from each node of the operand created
 * first to the matching node of the one created last, which the output keeps. Adding a node set to
 * itself (an activation to itself) adds nothing.
 */
final class AddRule implements LayerRule<LayerSpec.Add> {

    @Override
    public LayerResult plan(LayerSpec.Add s, List<NodeSet> inputs, Planner planner) {
        NodeSet a = inputs.get(0);
        NodeSet b = inputs.get(1);
        if (!a.sameShape(b) || a.kind() == NodeSet.Kind.TOKENS) {
            throw new InvalidSpecException(s.name(), "inputs", "cannot add a " + a.describe() + " ('" + s.inputs().get(0)
                    + "') and a " + b.describe() + " ('" + s.inputs().get(1) + "'); the operands must have the same shape");
        }
        if (a.start() == b.start()) {
            return LayerResult.passThrough(a, a);
        }
        NodeSet earlier = a.start() < b.start() ? a : b;
        NodeSet later = earlier == a ? b : a;
        int n = later.count();
        int offset = planner.reserveResidual(n);
        LayerResult.Emitter emitter = arrays -> {
            for (int i = 0; i < n; i++) {
                arrays.source[offset + i] = earlier.start() + i;
                arrays.target[offset + i] = later.start() + i;
            }
            Arrays.fill(arrays.value, offset, offset + n, 1.0f);
            arrays.meta(offset, n, later.layer(), EdgeType.RESIDUAL);
        };
        return new LayerResult(later, later.layer(), earlier.nodes(), NodeRange.EMPTY, PositionGrid.NONE, false, List.of(), emitter);
    }
}
