package io.gmnstream.paramgraph.onnx.internal;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.gmnstream.paramgraph.spec.LayerSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dense layers: Gemm (weight [out, in] with transB=1, or [in, out]) and MatMul with a constant
 * [in, out] weight, whose bias arrives in the following Add. Also routes MatMuls between
 * activations to the attention matcher.
 */
final class DenseMatcher {
    private DenseMatcher() {
    }

    static void gemm(NodeProto node, LoweringContext ctx) {
        if (LoweringContext.intAttr(node, "transA", 0) != 0
                || LoweringContext.floatAttr(node, "alpha", 1f) != 1f || LoweringContext.floatAttr(node, "beta", 1f) != 1f) {
            throw LoweringContext.unsupported(node, "Gemm with transA=1, alpha != 1 or beta != 1 is not a plain linear layer");
        }
        Value.Const w = ctx.constant(node, 1, "weight");
        Value.Const b = ctx.input(node, 2) == null ? null : ctx.constant(node, 2, "bias");
        boolean weightIsOutIn = LoweringContext.intAttr(node, "transB", 0) != 0;
        if (ctx.input(node, 0) instanceof Pattern.AttentionOutput ao) {
            ctx.put(node.getOutput(0), AttentionMatcher.outProjection(node, ctx, ao, w, weightIsOutIn, b));
            return;
        }
        Act x = ctx.act(node, 0);
        if (x.rank() != 2) {
            throw LoweringContext.unsupported(node, "Gemm input " + x + " is not a [batch, features] matrix");
        }
        ctx.put(node.getOutput(0), linear(node, ctx, x, w, weightIsOutIn, b));
    }

    static void matMul(NodeProto node, LoweringContext ctx) {
        Value a = ctx.input(node, 0);
        Value b = ctx.input(node, 1);
        if (b instanceof Value.Const w) {
            if (a instanceof Pattern.AttentionOutput ao) {
                ctx.put(node.getOutput(0), AttentionMatcher.outProjection(node, ctx, ao, w, false, null));
                return;
            }
            Act x = ctx.act(node, 0);
            if (x.kind() == Act.Kind.MAP) {
                throw LoweringContext.unsupported(node, "MatMul over the last spatial axis of a channel map " + x);
            }
            if (x.featureAxis() != x.rank() - 1) {
                throw LoweringContext.unsupported(node, "MatMul contracts axis " + (x.rank() - 1) + " but the features of " + x
                        + " are on axis " + x.featureAxis());
            }
            ctx.put(node.getOutput(0), linear(node, ctx, x, w, false, null));
            return;
        }
        ctx.put(node.getOutput(0), AttentionMatcher.matMulOfActivations(node, ctx, a, b));
    }

    /** Linear layer reading the last axis of {@code x}; the bias slot stays open when b is null. */
    static Act linear(NodeProto node, LoweringContext ctx, Act x, Value.Const w, boolean weightIsOutIn, Value.Const b) {
        long[] dims = w.dims();
        if (dims.length != 2) {
            throw LoweringContext.mismatch(node, w, weightIsOutIn ? new long[] {-1, x.width()} : new long[] {x.width(), -1});
        }
        long in = weightIsOutIn ? dims[1] : dims[0];
        long out = weightIsOutIn ? dims[0] : dims[1];
        if (in != x.width()) {
            throw LoweringContext.mismatch(node, w, weightIsOutIn ? new long[] {out, x.width()} : new long[] {x.width(), out});
        }
        if (b != null && b.elementCount() != out) {
            throw LoweringContext.mismatch(node, b, new long[] {out});
        }
        boolean storedTransposed = storedInOut(w, weightIsOutIn);
        Map<String, String> params = new HashMap<>();
        params.put("weight", ctx.tensor(raw(w)));
        if (b != null) {
            params.put("bias", ctx.tensor(b));
        }
        String name = ctx.layerName(node);
        LayerSpec.Linear spec = new LayerSpec.Linear(name, List.of(), params, (int) in, Math.toIntExact(out), b != null,
                storedTransposed);
        String layer = ctx.addLayer(spec, x);
        ctx.rememberDense(layer, x);
        long[] outDims = x.dims();
        outDims[x.featureAxis()] = out;
        Act.BiasSlot slot = b == null ? new Act.BiasSlot(layer, (int) out) : null;
        return new Act(layer, layer, x.kind(), outDims, x.featureAxis(), slot);
    }

    /**
     * Whether the initializer behind weight {@code w} is stored [in, out], given how the node reads
     * it: a Transpose node over the initializer flips the orientation instead of copying the data.
     */
    static boolean storedInOut(Value.Const w, boolean weightIsOutIn) {
        return !weightIsOutIn ^ w.transposed();
    }

    /** The stored initializer behind a (possibly Transpose-aliased) constant. */
    static Value.Const raw(Value.Const c) {
        return c.transposed() ? new Value.Const(c.name(), c.proto(), false, c.initializer()) : c;
    }

    /** Add(x, b) right after a bias-less dense layer: its bias. Returns the closed activation. */
    static Act closeBias(NodeProto node, LoweringContext ctx, Act x, Value.Const b) {
        Act.BiasSlot slot = x.bias();
        if (b.elementCount() != slot.width()) {
            throw LoweringContext.mismatch(node, b, new long[] {slot.width()});
        }
        LayerSpec layer = ctx.layer(slot.layerName());
        Map<String, String> params = new HashMap<>(layer.params());
        if (layer instanceof LayerSpec.Linear l) {
            params.put("bias", ctx.tensor(b));
            ctx.replaceLayer(l.name(), l.withBias(true).withParams(params));
        } else if (layer instanceof LayerSpec.Attention a) {
            params.put(LayerSpec.Attention.OUT_BIAS, ctx.tensor(b));
            ctx.replaceLayer(a.name(), a.withParams(params).withBias(true));
        } else {
            throw new IllegalStateException("bias slot on " + layer.op());
        }
        return x.closed();
    }
}
