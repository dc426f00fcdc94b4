package io.gmnstream.paramgraph.onnx.internal;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.spec.Layers;
import java.util.List;
import java.util.Map;

/**
 * Ends a pattern early when its value is consumed by something the pattern does not continue
 * with: a LayerNorm without affine parameters, a mean that is a global pool, a scalar division.
 * Patterns that cannot stand alone are an unsupported use of the consuming node.
 */
final class PatternMaterializer {
    private PatternMaterializer() {
    }

    static Act materialize(LoweringContext ctx, Pattern p, NodeProto consumer) {
        if (p instanceof Pattern.Gelu g && g.stage() == Pattern.GeluStage.DIV) {
            return g.source(); // x / c alone is a parameter-free scaling
        }
        if (p instanceof Pattern.LayerNormStage s && s.stage() == Pattern.NormStage.MEAN) {
            return NormMatchers.meanAsPool(ctx, s, consumer);
        }
        if (p instanceof Pattern.Normalized n) {
            return NormMatchers.emitNorm(ctx, n, null, null);
        }
        if (p instanceof Pattern.Scaled s && s.normalized().kind() == Pattern.NormKind.LAYER) {
            Pattern.Normalized n = s.normalized();
            String name = ctx.layerName(s.node());
            LayerSpec.LayerNorm ln = Layers.layerNorm(name, toIntegers(n.shape())).withBias(false)
                    .withParams(Map.of("weight", ctx.tensor(s.gamma())));
            NormMatchers.checkNormParam(s.node(), s.gamma(), n.shape());
            String layer = ctx.addLayer(ln, n.source());
            return n.source().through(layer, n.source().kind(), n.source().dims(), n.source().featureAxis());
        }
        throw LoweringContext.unsupported(consumer, "reads an unfinished " + describe(p)
                + "; only the sequences PyTorch exports for LayerNorm, GroupNorm, GELU and MultiheadAttention are recognised");
    }

    static Integer[] toIntegers(long[] shape) {
        Integer[] out = new Integer[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = Math.toIntExact(shape[i]);
        }
        return out;
    }

    static List<Integer> toList(long[] values) {
        return List.of(toIntegers(values));
    }

    private static String describe(Pattern p) {
        if (p instanceof Pattern.LayerNormStage s) {
            return "LayerNorm decomposition (stage " + s.stage() + ")";
        }
        if (p instanceof Pattern.Gelu g) {
            return "GELU decomposition (stage " + g.stage() + ")";
        }
        if (p instanceof Pattern.GroupReshaped) {
            return "GroupNorm decomposition (group reshape)";
        }
        if (p instanceof Pattern.Scaled) {
            return "GroupNorm decomposition (gamma without beta)";
        }
        return "attention core (" + p.getClass().getSimpleName() + ")";
    }
}
