package io.gmnstream.paramgraph.internal;

import io.gmnstream.paramgraph.EdgeType;
import io.gmnstream.paramgraph.InvalidSpecException;
import io.gmnstream.paramgraph.NodeRange;
import io.gmnstream.paramgraph.NodeType;
import io.gmnstream.paramgraph.PositionGrid;
import io.gmnstream.paramgraph.spec.LayerSpec;
import java.util.Arrays;
import java.util.List;

/**
 * Embedding of a token input: V embedding nodes (layer 0, position = token id) and d neuron nodes,
 * one embedding_weight edge per table entry.
 */
final class EmbeddingRule implements LayerRule<LayerSpec.Embedding> {

    @Override
    public LayerResult plan(LayerSpec.Embedding s, List<NodeSet> inputs, Planner planner) {
        NodeSet x = inputs.get(0);
        if (x.kind() != NodeSet.Kind.TOKENS) {
            throw new InvalidSpecException(s.name(), "inputs", "an embedding must read the network input with layout tokens, but its input is a "
                    + x.describe());
        }
        int layer = planner.newLayerIndex();
        int v = s.numEmbeddings();
        int d = s.embeddingDim();
        NodeRange vocabulary = planner.addNodes(NodeType.EMBEDDING, v, 0, true);
        NodeRange out = planner.addNodes(NodeType.NEURON, d, layer, false);
        TensorRef weight = planner.require(s, "weight", v, d);
        LayerResult.Emitter emitter = a -> {
            int off = weight.edgeOffset();
            a.values(off, weight.values());
            a.meta(off, weight.edgeCount(), layer, EdgeType.EMBEDDING_WEIGHT);
            int[] targets = GraphArrays.consecutive(out.start(), d);
            for (int row = 0; row < v; row++) {
                int rowStart = off + row * d;
                Arrays.fill(a.source, rowStart, rowStart + d, vocabulary.start() + row);
                System.arraycopy(targets, 0, a.target, rowStart, d);
            }
        };
        return new LayerResult(NodeSet.sequence(out, layer, x.seqLen()), layer, vocabulary, NodeRange.EMPTY, PositionGrid.NONE, false,
                List.of(weight), emitter);
    }
}
