package io.gmnstream.paramgraph.onnx.internal;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.gmnstream.paramgraph.spec.LayerSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * nn.MultiheadAttention self-attention as PyTorch 1.13 exports it: one dense in-projection to 3d
 * (packed weight, often constant-folded to a transposed [d, 3d] initializer), three Slices (q, k, v),
 * head Reshape/Transpose, scaling, MatMul(q, k^T), Softmax, MatMul(., v), Transpose/Reshape back,
 * and the output projection. The in-projection was first lowered as a Linear; the output
 * projection turns it into one attention layer of the spec.
 */
final class AttentionMatcher {
    private AttentionMatcher() {
    }

    /** Slice of an activation: a q/k/v third of a packed in-projection. */
    static void slice(NodeProto node, LoweringContext ctx) {
        Act x = ctx.act(node, 0);
        LoweringContext.Dense dense = ctx.dense(x.nodes());
        long[] starts = ctx.ints(ctx.input(node, 1));
        long[] ends = ctx.ints(ctx.input(node, 2));
        long[] axes = ctx.input(node, 3) == null ? new long[] {0} : ctx.ints(ctx.input(node, 3));
        if (dense == null || x.width() % 3 != 0 || axes == null || axes.length != 1
                || LoweringContext.axis(node, axes[0], x.rank()) != x.featureAxis()) {
            throw LoweringContext.unsupported(node, "Slice of an activation is only recognised as the q/k/v split of a packed"
                    + " attention in-projection");
        }
        int d = x.width() / 3;
        int index;
        if (starts != null && starts.length == 1 && !Value.symbolic(starts[0]) && starts[0] >= 0 && starts[0] % d == 0
                && ends != null && ends.length == 1 && (Value.symbolic(ends[0]) || ends[0] == starts[0] + d)) {
            index = (int) (starts[0] / d);
        } else {
            throw LoweringContext.unsupported(node, "cannot resolve the Slice bounds of the q/k/v split statically");
        }
        ctx.put(node.getOutput(0), new Pattern.Projection(dense.input(), x.nodes(), index, 0));
    }

    /** Reshape/Transpose/scaling of the attention internals keep the pattern; a Reshape tells the head size. */
    static Value passThrough(NodeProto node, LoweringContext ctx, Pattern p) {
        if (p instanceof Pattern.Projection pr && node.getOpType().equals("Reshape")) {
            long[] target = ctx.ints(ctx.input(node, 1));
            if (target != null && target.length >= 3 && target[target.length - 1] > 0 && pr.headDim() == 0) {
                return pr.withHeadDim((int) target[target.length - 1]);
            }
        }
        return p;
    }

    static Value matMulOfActivations(NodeProto node, LoweringContext ctx, Value a, Value b) {
        if (a instanceof Pattern.Projection q && b instanceof Pattern.Projection k && q.projLayer().equals(k.projLayer())
                && q.index() == 0 && k.index() == 1) {
            return new Pattern.Scores(q.source(), q.projLayer(), Math.max(q.headDim(), k.headDim()));
        }
        if (a instanceof Pattern.Scores s && b instanceof Pattern.Projection v && s.projLayer().equals(v.projLayer())
                && v.index() == 2) {
            return new Pattern.AttentionOutput(s.source(), s.projLayer(), Math.max(s.headDim(), v.headDim()));
        }
        throw LoweringContext.unsupported(node, "MatMul of two activations is only recognised inside self-attention"
                + " (q k^T, then scores v)");
    }

    /** The output projection: replaces the in-projection Linear by one attention layer. */
    static Act outProjection(NodeProto node, LoweringContext ctx, Pattern.AttentionOutput ao, Value.Const w,
                             boolean weightIsOutIn, Value.Const b) {
        LayerSpec.Linear in = (LayerSpec.Linear) ctx.layer(ao.projLayer());
        int d = in.inFeatures();
        if (in.outFeatures() != 3 * d) {
            throw LoweringContext.unsupported(node, "attention in-projection maps " + d + " to " + in.outFeatures()
                    + " features; expected 3 x " + d + " (q, k, v of self-attention)");
        }
        long[] wd = w.dims();
        if (wd.length != 2 || wd[0] != d || wd[1] != d) {
            throw LoweringContext.mismatch(node, w, new long[] {d, d});
        }
        if (b != null && b.elementCount() != d) {
            throw LoweringContext.mismatch(node, b, new long[] {d});
        }
        // Each projection keeps the layout it is stored in (PyTorch: the in-projection [d, 3d] for a
        // MatMul, the output projection [out, in] for Gemm transB=1); the spec has a flag for each.
        boolean outTransposed = DenseMatcher.storedInOut(w, weightIsOutIn);
        Map<String, String> params = new HashMap<>();
        params.put(LayerSpec.Attention.IN_PROJ_WEIGHT, in.params().get("weight"));
        params.put(LayerSpec.Attention.OUT_WEIGHT, ctx.tensor(DenseMatcher.raw(w)));
        if (in.bias()) {
            params.put(LayerSpec.Attention.IN_PROJ_BIAS, in.params().get("bias"));
        }
        if (b != null) {
            params.put(LayerSpec.Attention.OUT_BIAS, ctx.tensor(b));
        }
        boolean outBiasLater = b == null && in.bias(); // MatMul out-projection: the bias comes in the next Add
        if (!in.bias() && b != null) {
            throw LoweringContext.unsupported(node, "attention with an output bias but no in-projection bias cannot be expressed in the spec");
        }
        int heads = ao.headDim() > 0 && d % ao.headDim() == 0 ? d / ao.headDim() : 1;
        LayerSpec.Attention attention = new LayerSpec.Attention(in.name(), in.inputs(), params, d, heads, in.bias(), true,
                in.transposedWeight(), outTransposed);
        ctx.replaceLayer(in.name(), attention);
        // Gemm sees tokens and batch merged into one axis: [T * N, d]; a MatMul keeps the source's axes
        Act x = ao.source();
        long[] dims = node.getOpType().equals("Gemm") ? new long[] {Value.UNKNOWN, d} : x.dims();
        return new Act(in.name(), in.name(), Act.Kind.SEQUENCE, dims, dims.length - 1,
                outBiasLater ? new Act.BiasSlot(in.name(), d) : null);
    }
}
