package io.gmnstream.paramgraph.internal;

import io.gmnstream.paramgraph.InvalidSpecException;
import io.gmnstream.paramgraph.spec.LayerSpec;
import java.util.List;

/**
 * Activations, dropout, identity, flatten and pooling: no nodes or edges; the node set passes on with
 * its activation shape updated (pool output size, flatten, global pool to a vector).
 */
final class ParameterFreeRule implements LayerRule<LayerSpec> {

    @Override
    public LayerResult plan(LayerSpec s, List<NodeSet> inputs, Planner planner) {
        NodeSet x = inputs.get(0);
        return LayerResult.passThrough(x, reshape(s, x));
    }

    private static NodeSet reshape(LayerSpec s, NodeSet x) {
        if (s instanceof LayerSpec.Flatten) {
            return switch (x.kind()) {
                case MAP -> x.withKind(NodeSet.Kind.FLAT_MAP);
                case SEQUENCE -> x.withKind(NodeSet.Kind.FLAT_SEQUENCE);
                case TOKENS -> throw new InvalidSpecException(s.name(), "inputs", "cannot flatten token ids; insert an embedding");
                default -> x;
            };
        }
        if (s instanceof LayerSpec.GlobalPool) {
            if (x.kind() != NodeSet.Kind.MAP && x.kind() != NodeSet.Kind.SEQUENCE) {
                throw new InvalidSpecException(s.name(), "inputs", s.op() + " needs a channel map or a sequence, but the input is a "
                        + x.describe());
            }
            return NodeSet.vector(x.nodes(), x.layer());
        }
        if (s instanceof LayerSpec.Pool p) {
            return pool(p, x);
        }
        return x;
    }

    private static NodeSet pool(LayerSpec.Pool p, NodeSet x) {
        int rank = p.kernel().size();
        int[] spatial = x.spatial();
        if (x.kind() != NodeSet.Kind.MAP || spatial.length != rank) {
            throw new InvalidSpecException(p.name(), "kernel", "a " + rank + "-d " + p.op() + " needs a channel map with " + rank
                    + " spatial dimensions, but the input is a " + x.describe());
        }
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            long padded = spatial[i] + 2L * p.padding().get(i);
            if (padded < p.kernel().get(i)) {
                throw new InvalidSpecException(p.name(), "kernel", "window " + p.kernel() + " is larger than the padded input "
                        + x.describe());
            }
            out[i] = (int) ((padded - p.kernel().get(i)) / p.stride().get(i) + 1);
        }
        return x.withSpatial(out);
    }
}
