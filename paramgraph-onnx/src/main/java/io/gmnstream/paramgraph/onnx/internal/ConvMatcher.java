package io.gmnstream.paramgraph.onnx.internal;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.gmnstream.paramgraph.spec.LayerSpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Conv (1d/2d/3d, grouped and depthwise) with weight [out, in/groups, k...] and optional bias. */
final class ConvMatcher {
    private ConvMatcher() {
    }

    static void lower(NodeProto node, LoweringContext ctx) {
        Act x = ctx.act(node, 0);
        if (x.kind() != Act.Kind.MAP) {
            throw LoweringContext.unsupported(node, "Conv over " + x + "; expected a channels-first map");
        }
        Value.Const w = ctx.constant(node, 1, "weight");
        Value.Const b = ctx.input(node, 2) == null ? null : ctx.constant(node, 2, "bias");
        int rank = x.rank() - 2;
        int groups = (int) LoweringContext.intAttr(node, "group", 1);
        long[] wd = w.dims();
        if (w.transposed() || wd.length != rank + 2 || groups <= 0 || wd[1] * groups != x.width()
                || wd[0] % groups != 0) {
            long[] expected = wd.length == rank + 2 ? wd.clone() : new long[rank + 2];
            expected[1] = groups > 0 ? x.width() / groups : x.width();
            throw LoweringContext.mismatch(node, w, expected);
        }
        long outChannels = wd[0];
        if (b != null && b.elementCount() != outChannels) {
            throw LoweringContext.mismatch(node, b, new long[] {outChannels});
        }
        String autoPad = LoweringContext.stringAttr(node, "auto_pad", "NOTSET");
        if (!autoPad.equals("NOTSET")) {
            throw LoweringContext.unsupported(node, "auto_pad=" + autoPad + "; re-export with explicit pads");
        }
        long[] kernel = Arrays.copyOfRange(wd, 2, wd.length);
        long[] strides = orDefault(LoweringContext.intsAttr(node, "strides"), rank, 1);
        long[] dilations = orDefault(LoweringContext.intsAttr(node, "dilations"), rank, 1);
        long[] pads = symmetricPads(node, LoweringContext.intsAttr(node, "pads"), rank);
        long[] spatial = x.spatial();
        long[] outDims = new long[x.rank()];
        outDims[0] = x.dim(0);
        outDims[1] = outChannels;
        for (int i = 0; i < rank; i++) {
            long effective = dilations[i] * (kernel[i] - 1) + 1;
            long padded = spatial[i] + 2 * pads[i];
            if (spatial[i] <= 0 || padded < effective) {
                throw LoweringContext.unsupported(node, "kernel " + Arrays.toString(kernel) + " does not fit the input " + x);
            }
            outDims[i + 2] = (padded - effective) / strides[i] + 1;
        }
        Map<String, String> params = new HashMap<>();
        params.put("weight", ctx.tensor(w));
        if (b != null) {
            params.put("bias", ctx.tensor(b));
        }
        LayerSpec.Conv spec = new LayerSpec.Conv(ctx.layerName(node), java.util.List.of(), params, x.width(),
                Math.toIntExact(outChannels), PatternMaterializer.toList(kernel), PatternMaterializer.toList(strides),
                PatternMaterializer.toList(pads), PatternMaterializer.toList(dilations), groups, b != null);
        String layer = ctx.addLayer(spec, x);
        ctx.put(node.getOutput(0), new Act(layer, layer, Act.Kind.MAP, outDims, 1, null));
    }

    static long[] orDefault(long[] values, int rank, long fallback) {
        if (values == null || values.length == 0) {
            long[] out = new long[rank];
            Arrays.fill(out, fallback);
            return out;
        }
        return values;
    }

    /** ONNX pads are [begin..., end...]; the spec has one padding per axis. */
    static long[] symmetricPads(NodeProto node, long[] pads, int rank) {
        if (pads == null || pads.length == 0) {
            return new long[rank];
        }
        if (pads.length != 2 * rank) {
            throw LoweringContext.unsupported(node, "pads " + Arrays.toString(pads) + " do not have 2 x " + rank + " entries");
        }
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            if (pads[i] != pads[i + rank]) {
                throw LoweringContext.unsupported(node, "asymmetric pads " + Arrays.toString(pads));
            }
            out[i] = pads[i];
        }
        return out;
    }
}
