package io.gmnstream.paramgraph.onnx.internal;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.gmnstream.paramgraph.spec.LayerSpec;
import java.util.List;
import java.util.Map;

/**
 * nn.Embedding, which PyTorch exports as Gather(weight [V, d], ids) on axis 0 with the int64 graph
 * input as the ids. Any other reader of the token ids is refused: the spec's token input has no
 * nodes, so an op other than an embedding has nothing to connect to.
 */
final class EmbeddingMatcher {
    private EmbeddingMatcher() {
    }

    /** A node with the token ids among its inputs. */
    static void lower(NodeProto node, LoweringContext ctx) {
        if (!node.getOpType().equals("Gather")) {
            throw LoweringContext.unsupported(node, "it reads the integer token input; only an embedding"
                    + " (Gather of a [V, d] initializer with the token ids as indices) may read token ids");
        }
        if (!(ctx.input(node, 1) instanceof Value.TokenIds ids)) {
            throw LoweringContext.unsupported(node, "the token ids are its data, not its indices; only an embedding"
                    + " (Gather of a [V, d] initializer with the token ids as indices) may read token ids");
        }
        if (!(ctx.input(node, 0) instanceof Value.Const table) || table.transposed() || table.dims().length != 2) {
            throw LoweringContext.unsupported(node, "Gather of the token ids is only supported from a [V, d] weight"
                    + " initializer (nn.Embedding)");
        }
        if (LoweringContext.intAttr(node, "axis", 0) != 0) {
            throw LoweringContext.unsupported(node, "an embedding gathers rows (axis 0) of its [V, d] weight");
        }
        long[] dims = table.dims(); // fit an int: GraphLimits keeps a tensor under 2 GiB
        String name = ctx.layerName(node);
        LayerSpec.Embedding spec = new LayerSpec.Embedding(name, List.of(), Map.of("weight", ctx.tensor(table)),
                (int) dims[0], (int) dims[1]);
        String layer = ctx.addLayerOnInput(spec);
        ctx.put(node.getOutput(0), new Act(layer, layer, Act.Kind.SEQUENCE,
                new long[] {Value.BATCH, ids.tokens(), dims[1]}, 2, null));
    }
}
