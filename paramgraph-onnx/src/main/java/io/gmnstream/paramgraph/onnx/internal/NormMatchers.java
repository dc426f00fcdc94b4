package io.gmnstream.paramgraph.onnx.internal;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.spec.Layers;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BatchNormalization, LayerNormalization and InstanceNormalization ops, and the decomposed forms
 * PyTorch exports: LayerNorm before opset 17 (ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div,
 * Mul, Add) and GroupNorm (Reshape, InstanceNormalization with constant scale and bias, Reshape,
 * Mul, Add). Running statistics and GroupNorm's constant InstanceNorm scale/bias are not parameters.
 */
final class NormMatchers {
    private NormMatchers() {
    }

    static void batchNorm(NodeProto node, LoweringContext ctx) {
        Act x = ctx.act(node, 0);
        Value.Const gamma = ctx.constant(node, 1, "scale");
        Value.Const beta = ctx.constant(node, 2, "bias");
        requireChannelsOrVector(node, x);
        long c = x.width();
        checkNormParam(node, gamma, new long[] {c});
        checkNormParam(node, beta, new long[] {c});
        String name = ctx.layerName(node);
        LayerSpec.BatchNorm bn = Layers.batchNorm(name, (int) c)
                .withParams(Map.of("weight", ctx.tensor(gamma), "bias", ctx.tensor(beta)));
        String layer = ctx.addLayer(bn, x);
        ctx.put(node.getOutput(0), x.through(layer, x.kind(), x.dims(), x.featureAxis()));
        for (int i = 1; i < node.getOutputCount(); i++) {
            ctx.put(node.getOutput(i), Value.Meta.unknown()); // running statistics in training mode
        }
    }

    static void layerNorm(NodeProto node, LoweringContext ctx) {
        Act x = ctx.act(node, 0);
        int axis = LoweringContext.axis(node, LoweringContext.intAttr(node, "axis", -1), x.rank());
        long[] shape = Arrays.copyOfRange(x.dims(), axis, x.rank());
        requireKnown(node, shape);
        Value.Const gamma = ctx.constant(node, 1, "scale");
        Value.Const beta = ctx.input(node, 2) == null ? null : ctx.constant(node, 2, "bias");
        Pattern.Normalized n = new Pattern.Normalized(x, Pattern.NormKind.LAYER, 0, shape, node);
        ctx.put(node.getOutput(0), emitNorm(ctx, n, gamma, beta, node));
        for (int i = 1; i < node.getOutputCount(); i++) {
            ctx.put(node.getOutput(i), Value.Meta.unknown());
        }
    }

    static void instanceNorm(NodeProto node, LoweringContext ctx) {
        Value in = ctx.input(node, 0);
        if (in instanceof Pattern.GroupReshaped g) {
            // the scale and bias here are GroupNorm's constant ones and zeros, not parameters
            ctx.put(node.getOutput(0), new Pattern.Normalized(g.source(), Pattern.NormKind.GROUP, g.groups(),
                    new long[] {g.source().width()}, node));
            return;
        }
        Act x = ctx.act(node, 0);
        requireChannelsOrVector(node, x);
        Value.Const gamma = ctx.constant(node, 1, "scale");
        Value.Const beta = ctx.constant(node, 2, "bias");
        int c = x.width();
        String name = ctx.layerName(node);
        LayerSpec.InstanceNorm spec;
        if (isIdentityAffine(ctx, gamma, beta)) {
            spec = Layers.instanceNorm(name, c, false); // InstanceNorm(affine=False) exports constant 1 and 0
        } else {
            checkNormParam(node, gamma, new long[] {c});
            checkNormParam(node, beta, new long[] {c});
            spec = Layers.instanceNorm(name, c, true).withParams(Map.of("weight", ctx.tensor(gamma), "bias", ctx.tensor(beta)));
        }
        String layer = ctx.addLayer(spec, x);
        ctx.put(node.getOutput(0), x.through(layer, x.kind(), x.dims(), x.featureAxis()));
    }

    /** Constant-node (not initializer) scale of ones and bias of zeros. */
    private static boolean isIdentityAffine(LoweringContext ctx, Value.Const gamma, Value.Const beta) {
        if (gamma.initializer() || beta.initializer()) {
            return false;
        }
        for (float v : ctx.decoder().decodeFloat(gamma.name(), gamma.proto()).values()) {
            if (v != 1f) {
                return false;
            }
        }
        for (float v : ctx.decoder().decodeFloat(beta.name(), beta.proto()).values()) {
            if (v != 0f) {
                return false;
            }
        }
        return true;
    }

    /** ReduceMean: the start of a decomposed LayerNorm, its variance, or a global average pool. */
    static void reduceMean(NodeProto node, LoweringContext ctx) {
        Value in = ctx.input(node, 0);
        boolean keepDims = LoweringContext.intAttr(node, "keepdims", 1) != 0;
        long[] axes = LoweringContext.intsAttr(node, "axes");
        if (axes == null && ctx.input(node, 1) != null) {
            axes = ctx.ints(ctx.input(node, 1)); // opset 18 moved axes to an input
        }
        if (in instanceof Pattern.LayerNormStage s && s.stage() == Pattern.NormStage.SQUARED) {
            ctx.put(node.getOutput(0), new Pattern.LayerNormStage(s.source(), Pattern.NormStage.VARIANCE, s.axes(), keepDims));
            return;
        }
        Act x = ctx.act(node, 0);
        if (axes == null) {
            throw LoweringContext.unsupported(node, "ReduceMean over all axes of an activation");
        }
        long[] normalized = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            normalized[i] = LoweringContext.axis(node, axes[i], x.rank());
        }
        Arrays.sort(normalized);
        ctx.put(node.getOutput(0), new Pattern.LayerNormStage(x, Pattern.NormStage.MEAN, normalized, keepDims));
    }

    /** A mean that turned out not to be part of a LayerNorm: a global average pool. */
    static Act meanAsPool(LoweringContext ctx, Pattern.LayerNormStage mean, NodeProto consumer) {
        Act x = mean.source();
        long[] axes = mean.axes();
        boolean spatial = x.kind() == Act.Kind.MAP && axes.length == x.rank() - 2 && axes[0] == 2;
        int batchAxis = batchAxis(x);
        boolean tokens = x.kind() == Act.Kind.SEQUENCE && x.rank() == 3 && axes.length == 1
                && axes[0] != x.featureAxis() && axes[0] != batchAxis;
        if (!spatial && !tokens) {
            throw LoweringContext.unsupported(consumer, "reads a ReduceMean over axes " + Arrays.toString(axes) + " of " + x
                    + ", which is neither a LayerNorm, a global average pool nor a mean over tokens");
        }
        String name = "mean(" + x.layer() + ")";
        String layer = ctx.addLayer(new LayerSpec.GlobalPool(uniqueName(ctx, name), List.of(), LayerSpec.PoolKind.AVG), x);
        return reduced(x, layer, axes, mean.keepDims());
    }

    private static String uniqueName(LoweringContext ctx, String base) {
        String name = base;
        for (int i = 2; ctx.layer(name) != null; i++) {
            name = base + "#" + i;
        }
        return name;
    }

    /** The activation after pooling over {@code axes}: a vector of the feature nodes. */
    static Act reduced(Act x, String layer, long[] axes, boolean keepDims) {
        long[] dims = x.dims();
        int feature = x.featureAxis();
        if (keepDims) {
            for (long a : axes) {
                dims[(int) a] = 1;
            }
            return x.through(layer, Act.Kind.VECTOR, dims, feature);
        }
        long[] out = new long[dims.length - axes.length];
        int k = 0;
        int newFeature = 0;
        for (int i = 0; i < dims.length; i++) {
            final int axis = i;
            if (Arrays.stream(axes).anyMatch(a -> a == axis)) {
                continue;
            }
            if (i == feature) {
                newFeature = k;
            }
            out[k++] = dims[i];
        }
        return x.through(layer, Act.Kind.VECTOR, out, newFeature);
    }

    static int batchAxis(Act x) {
        long[] d = x.dims();
        for (int i = 0; i < d.length; i++) {
            if (d[i] == Value.BATCH) {
                return i;
            }
        }
        return 0;
    }

    /** Sub(x, mean(x)). */
    static Value centered(NodeProto node, Act x, Pattern.LayerNormStage mean) {
        if (mean.stage() != Pattern.NormStage.MEAN || !sameActivation(x, mean.source())) {
            throw LoweringContext.unsupported(node, "subtracts a mean from a different activation");
        }
        return new Pattern.LayerNormStage(x, Pattern.NormStage.CENTERED, mean.axes(), true);
    }

    static boolean sameActivation(Act a, Act b) {
        return a.layer().equals(b.layer()) && Arrays.equals(a.dims(), b.dims());
    }

    /** Div(centered, std): the normalized value of a LayerNorm over the trailing reduced axes. */
    static Value normalized(NodeProto node, Pattern.LayerNormStage centered, Pattern.LayerNormStage std) {
        Act x = centered.source();
        if (!sameActivation(x, std.source()) || !Arrays.equals(centered.axes(), std.axes())) {
            throw LoweringContext.unsupported(node, "divides a centered activation by the deviation of another one");
        }
        long[] axes = centered.axes();
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] != x.rank() - axes.length + i) {
                throw LoweringContext.unsupported(node, "normalizes over axes " + Arrays.toString(axes)
                        + "; a LayerNorm normalizes trailing axes");
            }
        }
        long[] shape = Arrays.copyOfRange(x.dims(), x.rank() - axes.length, x.rank());
        requireKnown(node, shape);
        return new Pattern.Normalized(x, Pattern.NormKind.LAYER, 0, shape, node);
    }

    /** The layer for a normalized value with optional gamma and beta; returns the output. */
    static Act emitNorm(LoweringContext ctx, Pattern.Normalized n, Value.Const gamma, Value.Const beta) {
        return emitNorm(ctx, n, gamma, beta, n.node());
    }

    static Act emitNorm(LoweringContext ctx, Pattern.Normalized n, Value.Const gamma, Value.Const beta, NodeProto last) {
        Act x = n.source();
        String name = ctx.layerName(last);
        Map<String, String> params = new HashMap<>();
        long[] paramShape = n.kind() == Pattern.NormKind.LAYER ? n.shape() : new long[] {x.width()};
        if (gamma != null) {
            checkNormParam(last, gamma, paramShape);
            params.put("weight", ctx.tensor(gamma));
        }
        if (beta != null) {
            checkNormParam(last, beta, paramShape);
            params.put("bias", ctx.tensor(beta));
        }
        LayerSpec spec;
        if (n.kind() == Pattern.NormKind.LAYER) {
            spec = new LayerSpec.LayerNorm(name, List.of(), params, PatternMaterializer.toList(n.shape()), gamma != null, beta != null);
        } else {
            if ((gamma == null) != (beta == null)) {
                throw LoweringContext.unsupported(last, "GroupNorm with only one of gamma and beta cannot be expressed in the spec");
            }
            spec = new LayerSpec.GroupNorm(name, List.of(), params, n.groups(), x.width(), gamma != null);
        }
        String layer = ctx.addLayer(spec, x);
        return x.through(layer, x.kind(), x.dims(), x.featureAxis());
    }

    /** A norm parameter must hold one value per normalized element; extra dims of size 1 are fine. */
    static void checkNormParam(NodeProto node, Value.Const tensor, long[] expected) {
        long want = 1;
        for (long d : expected) {
            want *= d;
        }
        long[] actual = Arrays.stream(tensor.dims()).filter(d -> d != 1).toArray();
        long[] wanted = Arrays.stream(expected).filter(d -> d != 1).toArray();
        if (tensor.elementCount() != want || !Arrays.equals(actual, wanted)) {
            throw LoweringContext.mismatch(node, tensor, expected);
        }
    }

    static void requireChannelsOrVector(NodeProto node, Act x) {
        if (x.kind() == Act.Kind.SEQUENCE) {
            throw LoweringContext.unsupported(node, "normalizing channels of a token sequence " + x);
        }
    }

    private static void requireKnown(NodeProto node, long[] shape) {
        for (long d : shape) {
            if (d <= 0) {
                throw LoweringContext.unsupported(node, "normalized shape " + Arrays.toString(shape) + " is not static");
            }
        }
    }
}
