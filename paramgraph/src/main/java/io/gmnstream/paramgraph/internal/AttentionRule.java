package io.gmnstream.paramgraph.internal;

import io.gmnstream.paramgraph.EdgeType;
import io.gmnstream.paramgraph.InvalidSpecException;
import io.gmnstream.paramgraph.NodeRange;
import io.gmnstream.paramgraph.NodeType;
import io.gmnstream.paramgraph.PositionGrid;
import io.gmnstream.paramgraph.spec.LayerSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Self-attention of width d: Q, K and V map the input nodes onto one shared set of d attention
 * neurons (three edge types keep the parallel edges apart), one attention_bias node per projection;
 * the output projection maps the attention neurons to d new neurons. Two layer indices. The
 * in-projection and the output projection each have their own storage orientation.
 */
final class AttentionRule implements LayerRule<LayerSpec.Attention> {
    private static final EdgeType[] WEIGHT_TYPES = {
        EdgeType.ATTENTION_QUERY_WEIGHT, EdgeType.ATTENTION_KEY_WEIGHT, EdgeType.ATTENTION_VALUE_WEIGHT};
    private static final EdgeType[] BIAS_TYPES = {
        EdgeType.ATTENTION_QUERY_BIAS, EdgeType.ATTENTION_KEY_BIAS, EdgeType.ATTENTION_VALUE_BIAS};

    @Override
    public LayerResult plan(LayerSpec.Attention s, List<NodeSet> inputs, Planner planner) {
        NodeSet x = inputs.get(0);
        if (x.kind() != NodeSet.Kind.SEQUENCE && x.kind() != NodeSet.Kind.VECTOR) {
            throw new InvalidSpecException(s.name(), "inputs", "attention needs a sequence (or a single token vector), but the input is a "
                    + x.describe());
        }
        int d = s.embedDim();
        if (x.count() != d) {
            throw new InvalidSpecException(s.name(), "embedDim", "is " + d + " but the input is a " + x.describe());
        }
        int qkvLayer = planner.newLayerIndex();
        int outLayer = planner.newLayerIndex();
        NodeRange attn = planner.addNodes(NodeType.ATTENTION_NEURON, d, qkvLayer, false);
        NodeRange attnBias = s.bias() ? planner.addNodes(NodeType.ATTENTION_BIAS, 3, qkvLayer, false) : NodeRange.EMPTY;
        NodeRange out = planner.addNodes(NodeType.NEURON, d, outLayer, false);
        int outBiasNode = s.bias() ? planner.addNodes(NodeType.BIAS, 1, outLayer, false).start() : -1;
        List<TensorRef> refs = new ArrayList<>();
        boolean inTransposed = s.transposedWeight(); // Q/K/V only: the output projection has its own flag
        if (s.packedProjection()) {
            refs.add(planner.require(s, LayerSpec.Attention.IN_PROJ_WEIGHT, inTransposed ? new long[] {d, 3L * d} : new long[] {3L * d, d}));
            if (s.bias()) {
                refs.add(planner.require(s, LayerSpec.Attention.IN_PROJ_BIAS, 3L * d));
            }
        } else {
            for (String role : LayerSpec.Attention.SPLIT_WEIGHTS) {
                refs.add(planner.require(s, role, d, d));
            }
            if (s.bias()) {
                for (String role : LayerSpec.Attention.SPLIT_BIASES) {
                    refs.add(planner.require(s, role, d));
                }
            }
        }
        TensorRef outWeight = planner.require(s, LayerSpec.Attention.OUT_WEIGHT, d, d);
        TensorRef outBias = s.bias() ? planner.require(s, LayerSpec.Attention.OUT_BIAS, d) : null;
        List<TensorRef> qkv = List.copyOf(refs);
        refs.add(outWeight);
        if (outBias != null) {
            refs.add(outBias);
        }
        LayerResult.Emitter emitter = a -> {
            int[] attnTargets = GraphArrays.consecutive(attn.start(), d);
            if (s.packedProjection()) {
                TensorRef w = qkv.get(0);
                emitPackedWeight(a, w, x.start(), attnTargets, inTransposed, qkvLayer);
                if (s.bias()) {
                    TensorRef b = qkv.get(1);
                    a.values(b.edgeOffset(), b.values());
                    for (int p = 0; p < 3; p++) {
                        int off = b.edgeOffset() + p * d;
                        Arrays.fill(a.source, off, off + d, attnBias.start() + p);
                        System.arraycopy(attnTargets, 0, a.target, off, d);
                        a.meta(off, d, qkvLayer, BIAS_TYPES[p]);
                    }
                }
            } else {
                for (int p = 0; p < 3; p++) {
                    emitSquare(a, qkv.get(p), x.start(), attnTargets, inTransposed, qkvLayer, WEIGHT_TYPES[p]);
                }
                if (s.bias()) {
                    for (int p = 0; p < 3; p++) {
                        TensorRef b = qkv.get(3 + p);
                        a.fan(b.edgeOffset(), attnBias.start() + p, attn.start(), d, 1, b.values(), qkvLayer, BIAS_TYPES[p]);
                    }
                }
            }
            emitSquare(a, outWeight, attn.start(), GraphArrays.consecutive(out.start(), d), s.transposedOutProjection(),
                    outLayer, EdgeType.LINEAR_WEIGHT);
            if (outBias != null) {
                a.fan(outBias.edgeOffset(), outBiasNode, out.start(), d, 1, outBias.values(), outLayer, EdgeType.LINEAR_BIAS);
            }
        };
        NodeSet y = x.kind() == NodeSet.Kind.SEQUENCE ? NodeSet.sequence(out, outLayer, x.seqLen()) : NodeSet.vector(out, outLayer);
        return new LayerResult(y, qkvLayer, x.nodes(), attn, PositionGrid.NONE, false, refs, emitter);
    }

    /** A [d, d] projection from {@code firstSource..} to the targets: [out, in], or [in, out] when transposed. */
    private static void emitSquare(GraphArrays a, TensorRef w, int firstSource, int[] targets, boolean transposed, int layer, EdgeType type) {
        int d = targets.length;
        int off = w.edgeOffset();
        a.values(off, w.values());
        a.meta(off, d * d, layer, type);
        int[] sources = GraphArrays.consecutive(firstSource, d);
        for (int r = 0; r < d; r++) {
            int rowStart = off + r * d;
            if (transposed) {
                Arrays.fill(a.source, rowStart, rowStart + d, firstSource + r);
                System.arraycopy(targets, 0, a.target, rowStart, d);
            } else {
                System.arraycopy(sources, 0, a.source, rowStart, d);
                Arrays.fill(a.target, rowStart, rowStart + d, targets[r]);
            }
        }
    }

    /** in_proj_weight [3d, d] (rows q, then k, then v), or [d, 3d] when transposed. */
    private static void emitPackedWeight(GraphArrays a, TensorRef w, int firstSource, int[] attnTargets, boolean transposed, int layer) {
        int d = attnTargets.length;
        int off = w.edgeOffset();
        a.values(off, w.values());
        if (!transposed) {
            int[] sources = GraphArrays.consecutive(firstSource, d);
            for (int row = 0; row < 3 * d; row++) {
                int rowStart = off + row * d;
                System.arraycopy(sources, 0, a.source, rowStart, d);
                Arrays.fill(a.target, rowStart, rowStart + d, attnTargets[row % d]);
            }
            for (int p = 0; p < 3; p++) {
                a.meta(off + p * d * d, d * d, layer, WEIGHT_TYPES[p]);
            }
        } else {
            for (int i = 0; i < d; i++) {
                int rowStart = off + i * 3 * d;
                Arrays.fill(a.source, rowStart, rowStart + 3 * d, firstSource + i);
                for (int p = 0; p < 3; p++) {
                    System.arraycopy(attnTargets, 0, a.target, rowStart + p * d, d);
                    a.meta(rowStart + p * d, d, layer, WEIGHT_TYPES[p]);
                }
            }
        }
    }
}
