package io.gmnstream.paramgraph.internal;

import io.gmnstream.paramgraph.EdgeType;
import io.gmnstream.paramgraph.InvalidSpecException;
import io.gmnstream.paramgraph.NodeRange;
import io.gmnstream.paramgraph.NodeType;
import io.gmnstream.paramgraph.PositionGrid;
import io.gmnstream.paramgraph.spec.LayerSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Batch, layer, group and instance norm: no new neurons; a gamma node and a beta node, each with
 * one edge per parameter to the node it scales. A LayerNorm over [C, spatial...] gives one edge per
 * channel and position, tagged with the position. A non-affine norm adds nothing.
 */
final class NormRule implements LayerRule<LayerSpec> {

    /** Node and edge types of one norm kind. */
    private enum Kind {
        BATCH(NodeType.BATCH_NORM_GAMMA, NodeType.BATCH_NORM_BETA, EdgeType.BATCH_NORM_GAMMA, EdgeType.BATCH_NORM_BETA),
        LAYER(NodeType.LAYER_NORM_GAMMA, NodeType.LAYER_NORM_BETA, EdgeType.LAYER_NORM_GAMMA, EdgeType.LAYER_NORM_BETA),
        GROUP(NodeType.GROUP_NORM_GAMMA, NodeType.GROUP_NORM_BETA, EdgeType.GROUP_NORM_GAMMA, EdgeType.GROUP_NORM_BETA),
        INSTANCE(NodeType.INSTANCE_NORM_GAMMA, NodeType.INSTANCE_NORM_BETA, EdgeType.INSTANCE_NORM_GAMMA, EdgeType.INSTANCE_NORM_BETA);

        final NodeType gammaNode;
        final NodeType betaNode;
        final EdgeType gammaEdge;
        final EdgeType betaEdge;

        Kind(NodeType gammaNode, NodeType betaNode, EdgeType gammaEdge, EdgeType betaEdge) {
            this.gammaNode = gammaNode;
            this.betaNode = betaNode;
            this.gammaEdge = gammaEdge;
            this.betaEdge = betaEdge;
        }
    }

    /** The resolved shape of a norm's parameters over its input nodes. */
    private record Target(Kind kind, boolean gamma, boolean beta, long[] paramShape, PositionGrid grid) {
    }

    @Override
    public LayerResult plan(LayerSpec s, List<NodeSet> inputs, Planner planner) {
        NodeSet x = inputs.get(0);
        Target t = resolve(s, x);
        if (!t.gamma && !t.beta) {
            return LayerResult.passThrough(x, x);
        }
        int layer = planner.newLayerIndex();
        int gammaNode = t.gamma ? planner.addNodes(t.kind.gammaNode, 1, layer, false).start() : -1;
        int betaNode = t.beta ? planner.addNodes(t.kind.betaNode, 1, layer, false).start() : -1;
        TensorRef gamma = t.gamma ? planner.require(s, "weight", t.paramShape) : null;
        TensorRef beta = t.beta ? planner.require(s, "bias", t.paramShape) : null;
        List<TensorRef> refs = new ArrayList<>();
        if (gamma != null) {
            refs.add(gamma);
        }
        if (beta != null) {
            refs.add(beta);
        }
        int repeat = t.grid.size();
        LayerResult.Emitter emitter = a -> {
            short[] positions = t.grid.isEmpty() ? null : t.grid.encodeAll();
            if (gamma != null) {
                a.fan(gamma.edgeOffset(), gammaNode, x.start(), x.count(), repeat, gamma.values(), layer, t.kind.gammaEdge);
                if (positions != null) {
                    a.repeatPositions(gamma.edgeOffset(), positions, x.count());
                }
            }
            if (beta != null) {
                a.fan(beta.edgeOffset(), betaNode, x.start(), x.count(), repeat, beta.values(), layer, t.kind.betaEdge);
                if (positions != null) {
                    a.repeatPositions(beta.edgeOffset(), positions, x.count());
                }
            }
        };
        return new LayerResult(x, layer, x.nodes(), NodeRange.EMPTY, t.grid, false, refs, emitter);
    }

    private static Target resolve(LayerSpec s, NodeSet x) {
        if (s instanceof LayerSpec.BatchNorm b) {
            checkWidth(s, "numFeatures", b.numFeatures(), x, EnumSet.of(NodeSet.Kind.VECTOR, NodeSet.Kind.MAP));
            return perChannel(Kind.BATCH, b.affine(), b.numFeatures());
        }
        if (s instanceof LayerSpec.GroupNorm g) {
            checkWidth(s, "numChannels", g.numChannels(), x, EnumSet.of(NodeSet.Kind.VECTOR, NodeSet.Kind.MAP));
            return perChannel(Kind.GROUP, g.affine(), g.numChannels());
        }
        if (s instanceof LayerSpec.InstanceNorm i) {
            checkWidth(s, "numFeatures", i.numFeatures(), x, EnumSet.of(NodeSet.Kind.MAP));
            return perChannel(Kind.INSTANCE, i.affine(), i.numFeatures());
        }
        LayerSpec.LayerNorm l = (LayerSpec.LayerNorm) s;
        long[] shape = l.normalizedShape().stream().mapToLong(Integer::longValue).toArray();
        PositionGrid grid = layerNormGrid(l, shape, x);
        return new Target(Kind.LAYER, l.affine(), l.affine() && l.bias(), shape, grid);
    }

    private static Target perChannel(Kind kind, boolean affine, int channels) {
        return new Target(kind, affine, affine, new long[] {channels}, PositionGrid.NONE);
    }

    private static void checkWidth(LayerSpec s, String field, int declared, NodeSet x, Set<NodeSet.Kind> kinds) {
        if (!kinds.contains(x.kind())) {
            throw new InvalidSpecException(s.name(), "inputs", s.op() + " cannot normalise a " + x.describe()
                    + "; it needs a " + kinds.toString().toLowerCase(java.util.Locale.ROOT));
        }
        if (declared != x.count()) {
            throw new InvalidSpecException(s.name(), field, "is " + declared + " but the input is a " + x.describe());
        }
    }

    /** Which positions a LayerNorm's parameters cover besides the nodes: none, or the map's spatial grid. */
    private static PositionGrid layerNormGrid(LayerSpec.LayerNorm l, long[] shape, NodeSet x) {
        switch (x.kind()) {
            case VECTOR, SEQUENCE -> {
                if (Planner.compatible(new long[] {x.count()}, shape)) {
                    return PositionGrid.NONE;
                }
            }
            case MAP, FLAT_MAP -> {
                int[] spatial = x.spatial();
                long[] full = new long[1 + spatial.length];
                full[0] = x.count();
                for (int i = 0; i < spatial.length; i++) {
                    full[1 + i] = spatial[i];
                }
                if (Planner.compatible(full, shape)) {
                    return x.spatialGrid();
                }
            }
            default -> {
            }
        }
        throw new InvalidSpecException(l.name(), "normalizedShape", l.normalizedShape() + " does not match the input "
                + x.describe() + "; a layer_norm normalises the features of a vector or sequence, or a whole [C, spatial...] map");
    }
}
