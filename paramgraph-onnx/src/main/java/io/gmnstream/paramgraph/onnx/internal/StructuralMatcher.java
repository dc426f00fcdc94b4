package io.gmnstream.paramgraph.onnx.internal;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.spec.Layers;
import java.util.Arrays;
import java.util.List;

/**
 * Parameter-free ops that move or pool an activation: Flatten, Reshape, Transpose, pooling, Pad,
 * Dropout, Identity, Cast. Inside the attention core (patterns) Reshape and Transpose only carry
 * the pattern on.
 */
final class StructuralMatcher {
    private StructuralMatcher() {
    }

    static void lower(NodeProto node, LoweringContext ctx) {
        Value in = ctx.input(node, 0);
        String op = node.getOpType();
        if (in instanceof Pattern p && (op.equals("Reshape") || op.equals("Transpose") || op.equals("Cast"))) {
            if (p instanceof Pattern.Normalized || p instanceof Pattern.Projection || p instanceof Pattern.Scores
                    || p instanceof Pattern.AttentionOutput) {
                // GroupNorm reshapes back to [N, C, ...]; attention moves heads around
                ctx.put(node.getOutput(0), AttentionMatcher.passThrough(node, ctx, p));
                return;
            }
        }
        Act x = ctx.act(node, 0);
        Value out = switch (op) {
            case "Flatten" -> flatten(node, ctx, x);
            case "Reshape" -> reshape(node, ctx, x);
            case "Transpose" -> transpose(node, x);
            case "MaxPool", "AveragePool" -> pool(node, ctx, x);
            case "GlobalAveragePool", "GlobalMaxPool" -> globalPool(node, ctx, x);
            case "Pad" -> pad(node, ctx, x);
            case "Dropout" -> named(node, ctx, x, Layers.dropout(ctx.layerName(node)));
            case "Identity" -> named(node, ctx, x, Layers.identity(ctx.layerName(node)));
            case "Cast" -> x.closed();
            default -> throw new IllegalStateException(op);
        };
        ctx.put(node.getOutput(0), out);
        for (int i = 1; i < node.getOutputCount(); i++) {
            ctx.put(node.getOutput(i), Value.Meta.unknown()); // Dropout mask, MaxPool indices
        }
    }

    private static Act named(NodeProto node, LoweringContext ctx, Act x, LayerSpec spec) {
        String layer = ctx.addLayer(spec, x);
        return x.through(layer, x.kind(), x.dims(), x.featureAxis());
    }

    private static Act flatten(NodeProto node, LoweringContext ctx, Act x) {
        long axis = LoweringContext.axis(node, LoweringContext.intAttr(node, "axis", 1), x.rank());
        if (axis != 1 || x.dim(0) != Value.BATCH) {
            throw LoweringContext.unsupported(node, "Flatten at axis " + axis + " of " + x + "; only [N, ...] -> [N, -1] is supported");
        }
        return flattened(node, ctx, x);
    }

    /** [N, ...] to [N, features]: a flatten layer unless it already is a vector. */
    private static Act flattened(NodeProto node, LoweringContext ctx, Act x) {
        long perSample = x.perSample();
        if (perSample < 0) {
            throw LoweringContext.unsupported(node, "flattening " + x + ", whose size is not static");
        }
        long[] dims = {Value.BATCH, perSample};
        if (x.kind() == Act.Kind.VECTOR) {
            return x.withDims(dims, 1); // dropping size-1 axes after a global pool: no layer
        }
        String layer = ctx.addLayer(Layers.flatten(ctx.layerName(node)), x);
        return x.through(layer, Act.Kind.VECTOR, dims, 1);
    }

    private static Value reshape(NodeProto node, LoweringContext ctx, Act x) {
        long[] target = ctx.ints(ctx.input(node, 1));
        if (target == null) {
            throw LoweringContext.unsupported(node, "Reshape target of " + x + " cannot be resolved statically");
        }
        boolean allowZero = LoweringContext.intAttr(node, "allowzero", 0) != 0;
        long[] out = target.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0 && !allowZero && i < x.rank()) {
                out[i] = x.dim(i); // 0 copies the input dimension
            }
        }
        long perSample = x.perSample();
        // GroupNorm: [N, C, ...] -> [N, G, -1]
        if (x.kind() == Act.Kind.MAP && out.length == 3 && out[0] == Value.BATCH && out[1] > 0 && out[2] == -1
                && x.width() % out[1] == 0) {
            return new Pattern.GroupReshaped(x, (int) out[1]);
        }
        // Flatten: [N, ...] -> [N, -1] or [N, size] (or [-1, size] with the batch implied)
        if (out.length == 2 && perSample > 0 && (out[0] == Value.BATCH && (out[1] == -1 || out[1] == perSample)
                || out[0] == -1 && out[1] == perSample)) {
            return flattened(node, ctx, x);
        }
        // Tokens regrouped with the features kept last (seq-first <-> batch-first around attention)
        if (x.kind() == Act.Kind.SEQUENCE && x.featureAxis() == x.rank() - 1 && out.length >= 2
                && out[out.length - 1] == x.width()) {
            return x.withDims(out, out.length - 1);
        }
        if (Arrays.equals(out, x.dims())) {
            return x.closed();
        }
        throw LoweringContext.unsupported(node, "Reshape of " + x + " to " + describe(out)
                + " is neither a flatten, a GroupNorm group split nor a token regrouping");
    }

    private static String describe(long[] dims) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(dims[i] == Value.BATCH ? "N" : dims[i] == Value.UNKNOWN ? "?" : String.valueOf(dims[i]));
        }
        return sb.append(']').toString();
    }

    private static Act transpose(NodeProto node, Act x) {
        long[] perm = LoweringContext.intsAttr(node, "perm");
        int rank = x.rank();
        if (perm == null) {
            perm = new long[rank];
            for (int i = 0; i < rank; i++) {
                perm[i] = rank - 1 - i;
            }
        }
        if (perm.length != rank) {
            throw LoweringContext.unsupported(node, "perm " + Arrays.toString(perm) + " for " + x);
        }
        long[] dims = new long[rank];
        int feature = -1;
        for (int i = 0; i < rank; i++) {
            int from = LoweringContext.axis(node, perm[i], rank);
            dims[i] = x.dim(from);
            if (from == x.featureAxis()) {
                feature = i;
            }
        }
        boolean identity = Arrays.equals(dims, x.dims()) && feature == x.featureAxis();
        if (!identity && (x.kind() != Act.Kind.SEQUENCE || feature != rank - 1)) {
            throw LoweringContext.unsupported(node, "Transpose " + Arrays.toString(perm) + " of " + x
                    + "; only token/batch swaps that keep the features last are supported");
        }
        return x.withDims(dims, feature);
    }

    private static Act pool(NodeProto node, LoweringContext ctx, Act x) {
        if (x.kind() != Act.Kind.MAP) {
            throw LoweringContext.unsupported(node, "pooling over " + x + "; expected a channels-first map");
        }
        int rank = x.rank() - 2;
        long[] kernel = LoweringContext.intsAttr(node, "kernel_shape");
        if (kernel == null || kernel.length != rank) {
            throw LoweringContext.unsupported(node, "kernel_shape missing or not of rank " + rank);
        }
        if (LoweringContext.intAttr(node, "ceil_mode", 0) != 0) {
            throw LoweringContext.unsupported(node, "ceil_mode=1; export with ceil_mode=False");
        }
        long[] dil = ConvMatcher.orDefault(LoweringContext.intsAttr(node, "dilations"), rank, 1);
        if (Arrays.stream(dil).anyMatch(d -> d != 1)) {
            throw LoweringContext.unsupported(node, "dilated pooling");
        }
        String autoPad = LoweringContext.stringAttr(node, "auto_pad", "NOTSET");
        if (!autoPad.equals("NOTSET")) {
            throw LoweringContext.unsupported(node, "auto_pad=" + autoPad + "; re-export with explicit pads");
        }
        long[] strides = ConvMatcher.orDefault(LoweringContext.intsAttr(node, "strides"), rank, 1);
        long[] pads = ConvMatcher.symmetricPads(node, LoweringContext.intsAttr(node, "pads"), rank);
        long[] dims = x.dims();
        for (int i = 0; i < rank; i++) {
            long padded = dims[i + 2] + 2 * pads[i];
            if (padded < kernel[i]) {
                throw LoweringContext.unsupported(node, "pool window " + Arrays.toString(kernel) + " larger than " + x);
            }
            dims[i + 2] = (padded - kernel[i]) / strides[i] + 1;
        }
        LayerSpec.PoolKind kind = node.getOpType().equals("MaxPool") ? LayerSpec.PoolKind.MAX : LayerSpec.PoolKind.AVG;
        LayerSpec.Pool spec = new LayerSpec.Pool(ctx.layerName(node), List.of(), kind, PatternMaterializer.toList(kernel),
                PatternMaterializer.toList(strides), PatternMaterializer.toList(pads));
        String layer = ctx.addLayer(spec, x);
        return x.through(layer, Act.Kind.MAP, dims, 1);
    }

    private static Act globalPool(NodeProto node, LoweringContext ctx, Act x) {
        if (x.kind() != Act.Kind.MAP) {
            throw LoweringContext.unsupported(node, "global pooling over " + x + "; expected a channels-first map");
        }
        LayerSpec.PoolKind kind = node.getOpType().equals("GlobalMaxPool") ? LayerSpec.PoolKind.MAX : LayerSpec.PoolKind.AVG;
        String layer = ctx.addLayer(new LayerSpec.GlobalPool(ctx.layerName(node), List.of(), kind), x);
        long[] axes = new long[x.rank() - 2];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 2;
        }
        return NormMatchers.reduced(x, layer, axes, true);
    }

    /** Zero padding (AvgPool2d exports a Pad before AveragePool at opset 13) passes through. */
    private static Act pad(NodeProto node, LoweringContext ctx, Act x) {
        long[] pads = ctx.input(node, 1) == null ? LoweringContext.intsAttr(node, "pads") : ctx.ints(ctx.input(node, 1));
        if (pads == null || Arrays.stream(pads).anyMatch(p -> p != 0)) {
            throw LoweringContext.unsupported(node, "non-zero Pad " + (pads == null ? "(unresolved)" : Arrays.toString(pads))
                    + " changes the spatial size outside a conv or pool; put the padding in the conv/pool");
        }
        return x.closed();
    }
}
