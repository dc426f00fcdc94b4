package io.gmnstream.paramgraph.onnx.internal;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.gmnstream.paramgraph.spec.Layers;
import java.util.Map;

/** Unary parameter-free ops: activations (one spec layer each) and the unary steps of patterns. */
final class ActivationMatcher {
    /** ONNX op type to the spec's activation function name. */
    static final Map<String, String> FUNCTIONS = Map.ofEntries(
            Map.entry("Relu", "relu"), Map.entry("LeakyRelu", "leaky_relu"), Map.entry("Tanh", "tanh"),
            Map.entry("Sigmoid", "sigmoid"), Map.entry("Elu", "elu"), Map.entry("Selu", "selu"),
            Map.entry("Celu", "celu"), Map.entry("Gelu", "gelu"), Map.entry("Softplus", "softplus"),
            Map.entry("Softsign", "softsign"), Map.entry("HardSigmoid", "hard_sigmoid"),
            Map.entry("HardSwish", "hard_swish"), Map.entry("Mish", "mish"), Map.entry("PRelu", "prelu"),
            Map.entry("Clip", "clip"), Map.entry("Softmax", "softmax"), Map.entry("LogSoftmax", "log_softmax"),
            Map.entry("Exp", "exp"), Map.entry("Abs", "abs"), Map.entry("Neg", "neg"));

    private ActivationMatcher() {
    }

    static void lower(NodeProto node, LoweringContext ctx) {
        Value in = ctx.input(node, 0);
        String op = node.getOpType();
        if (op.equals("Softmax") && in instanceof Pattern.Scores s) {
            ctx.put(node.getOutput(0), s);
            return;
        }
        if (op.equals("Erf") && in instanceof Pattern.Gelu g && g.stage() == Pattern.GeluStage.DIV) {
            ctx.put(node.getOutput(0), new Pattern.Gelu(g.source(), Pattern.GeluStage.ERF));
            return;
        }
        if (op.equals("Sqrt") && in instanceof Pattern.LayerNormStage s && s.stage() == Pattern.NormStage.VARIANCE_EPS) {
            ctx.put(node.getOutput(0), new Pattern.LayerNormStage(s.source(), Pattern.NormStage.STD, s.axes(), true));
            return;
        }
        if (op.equals("PRelu") && ctx.input(node, 1) instanceof Value.Const c && c.elementCount() > 1) {
            throw LoweringContext.unsupported(node, "PReLU with learned per-channel slopes has parameters the spec cannot hold");
        }
        String fn = FUNCTIONS.get(op);
        if (fn == null) {
            throw LoweringContext.unsupported(node, "no rule for this op on an activation");
        }
        ctx.put(node.getOutput(0), emit(node, ctx, ctx.act(node, 0), fn));
    }

    static Act emit(NodeProto node, LoweringContext ctx, Act x, String fn) {
        String layer = ctx.addLayer(Layers.activation(ctx.layerName(node), fn), x);
        return x.through(layer, x.kind(), x.dims(), x.featureAxis());
    }
}
