package io.gmnstream.paramgraph.onnx.internal;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.gmnstream.paramgraph.spec.LayerSpec;
import java.util.List;

/**
 * Add, Sub, Mul, Div and Pow with an activation or pattern operand. They carry the steps of the
 * decomposed LayerNorm, GroupNorm and GELU, the bias of a MatMul, residual sums, and parameter-free
 * scalings; what they do depends on the kinds of their two operands.
 */
final class ElementwiseMatcher {
    private static final double SQRT2 = Math.sqrt(2.0);

    private ElementwiseMatcher() {
    }

    static void lower(NodeProto node, LoweringContext ctx) {
        Value a = ctx.input(node, 0);
        Value b = ctx.input(node, 1);
        Value out = switch (node.getOpType()) {
            case "Add" -> add(node, ctx, a, b);
            case "Sub" -> sub(node, ctx, a, b);
            case "Mul" -> mul(node, ctx, a, b);
            case "Div" -> div(node, ctx, a, b);
            case "Pow" -> pow(node, ctx, a, b);
            default -> throw new IllegalStateException(node.getOpType());
        };
        ctx.put(node.getOutput(0), out);
    }

    private static Value add(NodeProto node, LoweringContext ctx, Value a, Value b) {
        if (a instanceof Act x && b instanceof Act y) {
            return residual(node, ctx, x.closed(), y.closed());
        }
        Value.Const c = a instanceof Value.Const ca ? ca : b instanceof Value.Const cb ? cb : null;
        Value other = c == a ? b : a;
        if (c != null) {
            if (other instanceof Pattern.LayerNormStage s && s.stage() == Pattern.NormStage.VARIANCE) {
                return new Pattern.LayerNormStage(s.source(), Pattern.NormStage.VARIANCE_EPS, s.axes(), true);
            }
            if (other instanceof Pattern.Gelu g && g.stage() == Pattern.GeluStage.ERF && isScalar(ctx, c, 1.0)) {
                return new Pattern.Gelu(g.source(), Pattern.GeluStage.ERF_PLUS_ONE);
            }
            if (other instanceof Pattern.Scaled s) {
                return NormMatchers.emitNorm(ctx, s.normalized(), s.gamma(), c, node);
            }
            String otherName = node.getInput(c == a ? 1 : 0);
            if (other instanceof Act x && x.bias() != null && ctx.consumerCount(otherName) == 1 && c.elementCount() > 1) {
                return DenseMatcher.closeBias(node, ctx, x, c);
            }
        }
        return scalarOrFail(node, ctx, a, b, "adds a constant tensor that is not the bias of the preceding MatMul");
    }

    private static Value sub(NodeProto node, LoweringContext ctx, Value a, Value b) {
        if (a instanceof Act x && b instanceof Pattern.LayerNormStage mean) {
            return NormMatchers.centered(node, x, mean);
        }
        return scalarOrFail(node, ctx, a, b, "subtracts something other than a scalar or the mean of a LayerNorm");
    }

    private static Value mul(NodeProto node, LoweringContext ctx, Value a, Value b) {
        if (a instanceof Pattern.Gelu g && g.stage() == Pattern.GeluStage.ERF_PLUS_ONE && b instanceof Act x
                || b instanceof Pattern.Gelu g2 && g2.stage() == Pattern.GeluStage.ERF_PLUS_ONE && a instanceof Act x2) {
            Pattern.Gelu gelu = (Pattern.Gelu) (a instanceof Pattern.Gelu ? a : b);
            Act x3 = (Act) (a instanceof Act ? a : b);
            if (!NormMatchers.sameActivation(gelu.source(), x3)) {
                throw LoweringContext.unsupported(node, "multiplies erf(x / sqrt 2) + 1 by a different activation than x");
            }
            return new Pattern.Gelu(x3, Pattern.GeluStage.PRODUCT);
        }
        Value.Const c = a instanceof Value.Const ca ? ca : b instanceof Value.Const cb ? cb : null;
        Value other = c == a ? b : a;
        if (c != null && other instanceof Pattern.Gelu g && g.stage() == Pattern.GeluStage.PRODUCT && isScalar(ctx, c, 0.5)) {
            return ActivationMatcher.emit(node, ctx, g.source(), "gelu");
        }
        if (c != null && other instanceof Pattern.Normalized n && !isScalarLike(c)) {
            return new Pattern.Scaled(n, c, node);
        }
        if (a instanceof Act x && b instanceof Act y && x.nodes().equals(y.nodes())) {
            return y.closed(); // gating of a value by a function of itself (SiLU): parameter-free
        }
        return scalarOrFail(node, ctx, a, b, "multiplies by something other than a scalar, a norm's gamma or GELU's 0.5");
    }

    private static Value div(NodeProto node, LoweringContext ctx, Value a, Value b) {
        if (a instanceof Pattern.LayerNormStage centered && centered.stage() == Pattern.NormStage.CENTERED
                && b instanceof Pattern.LayerNormStage std && std.stage() == Pattern.NormStage.STD) {
            return NormMatchers.normalized(node, centered, std);
        }
        if (a instanceof Act x && b instanceof Value.Const c && isScalar(ctx, c, SQRT2)) {
            return new Pattern.Gelu(x.closed(), Pattern.GeluStage.DIV);
        }
        return scalarOrFail(node, ctx, a, b, "divides by something other than a scalar");
    }

    private static Value pow(NodeProto node, LoweringContext ctx, Value a, Value b) {
        if (a instanceof Pattern.LayerNormStage s && s.stage() == Pattern.NormStage.CENTERED && b instanceof Value.Const c
                && isScalar(ctx, c, 2.0)) {
            return new Pattern.LayerNormStage(s.source(), Pattern.NormStage.SQUARED, s.axes(), true);
        }
        return scalarOrFail(node, ctx, a, b, "raises to a power outside a LayerNorm");
    }

    /** x op scalar (either side) is parameter-free: the activation or pattern passes through. */
    private static Value scalarOrFail(NodeProto node, LoweringContext ctx, Value a, Value b, String problem) {
        Value other = a instanceof Value.Const || a instanceof Value.Meta ? b : a;
        Value scalar = other == a ? b : a;
        boolean scalarLike = scalar instanceof Value.Meta
                || scalar instanceof Value.Const c && isScalarLike(c);
        if (scalarLike && (other instanceof Act || other instanceof Pattern.Projection || other instanceof Pattern.Scores)) {
            return other instanceof Act x ? x.closed() : other;
        }
        throw LoweringContext.unsupported(node, problem);
    }

    private static boolean isScalarLike(Value.Const c) {
        return c.elementCount() == 1;
    }

    private static boolean isScalar(LoweringContext ctx, Value.Const c, double expected) {
        if (!isScalarLike(c)) {
            return false;
        }
        double v = ctx.scalar(c);
        return Math.abs(v - expected) <= 1e-4 * Math.max(1.0, Math.abs(expected));
    }

    /** Residual sum of two activations with the same width. */
    static Act residual(NodeProto node, LoweringContext ctx, Act x, Act y) {
        if (x.width() != y.width()) {
            throw LoweringContext.unsupported(node, "adds activations of widths " + x.width() + " and " + y.width()
                    + "; a residual needs equal widths (use a projection shortcut layer)");
        }
        String name = ctx.layerName(node);
        String layer = ctx.addLayer(new LayerSpec.Add(name, List.of(x.layer(), y.layer())), x, y);
        // the output keeps the nodes of the operand created last (docs/PARAMETER_GRAPHS.md, add)
        Act later = ctx.order(y.nodes()) >= ctx.order(x.nodes()) ? y : x;
        return new Act(layer, later.nodes(), later.kind(), later.dims(), later.featureAxis(), null);
    }
}
