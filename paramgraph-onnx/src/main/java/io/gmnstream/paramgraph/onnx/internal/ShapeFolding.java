package io.gmnstream.paramgraph.onnx.internal;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.List;

/**
 * Nodes that read no activation: constants, aliases of initializers, and the shape arithmetic
 * PyTorch emits for dynamic axes (Shape, Gather, Unsqueeze, Concat, Div...). Small integer vectors
 * are folded so that Reshape and Slice operands can be read; everything else becomes an unknown
 * {@link Value.Meta}, which is harmless as long as no layer needs it as a parameter.
 */
final class ShapeFolding {
    private ShapeFolding() {
    }

    static void constantNode(NodeProto node, LoweringContext ctx) {
        AttributeProto value = LoweringContext.attr(node, "value");
        String out = node.getOutput(0);
        if (value != null && value.hasT()) {
            ctx.put(out, new Value.Const(out, value.getT(), false, false));
            return;
        }
        AttributeProto ints = LoweringContext.attr(node, "value_ints");
        AttributeProto i = LoweringContext.attr(node, "value_int");
        if (ints != null) {
            ctx.put(out, Value.Meta.ints(ints.getIntsList().stream().mapToLong(Long::longValue).toArray()));
        } else if (i != null) {
            ctx.put(out, Value.Meta.ints(i.getI()));
        } else {
            ctx.put(out, Value.Meta.unknown());
        }
    }

    /** Shape of an activation: its dims with the batch marked. */
    static void shapeOfAct(NodeProto node, Act act, LoweringContext ctx) {
        long[] dims = act.dims();
        long start = LoweringContext.intAttr(node, "start", 0);
        long end = LoweringContext.intAttr(node, "end", dims.length);
        int s = (int) Math.max(0, Math.min(dims.length, start < 0 ? start + dims.length : start));
        int e = (int) Math.max(s, Math.min(dims.length, end < 0 ? end + dims.length : end));
        ctx.put(node.getOutput(0), Value.Meta.ints(java.util.Arrays.copyOfRange(dims, s, e)));
    }

    /** A node whose inputs are all constants or shape values. */
    static void fold(NodeProto node, LoweringContext ctx) {
        String op = node.getOpType();
        Value first = ctx.input(node, 0);
        if ((op.equals("Identity") || op.equals("Transpose")) && first instanceof Value.Const c) {
            boolean transpose = op.equals("Transpose") && isSwap2d(node, c);
            if (op.equals("Identity") || transpose) {
                // an alias keeps its own name: PyTorch writes running_var = Identity(weight) when two
                // tensors had equal contents, and each layer must keep a distinct tensor name
                String name = op.equals("Identity") ? node.getOutput(0) : c.name();
                ctx.put(node.getOutput(0), new Value.Const(name, c.proto(), c.transposed() ^ transpose, c.initializer()));
                return;
            }
        }
        long[] folded = foldInts(node, ctx);
        for (int i = 0; i < node.getOutputCount(); i++) {
            ctx.put(node.getOutput(i), i == 0 && folded != null ? Value.Meta.ints(folded) : Value.Meta.unknown());
        }
    }

    private static boolean isSwap2d(NodeProto node, Value.Const c) {
        long[] perm = LoweringContext.intsAttr(node, "perm");
        return c.proto().getDimsCount() == 2 && (perm == null || (perm.length == 2 && perm[0] == 1 && perm[1] == 0));
    }

    private static long[] foldInts(NodeProto node, LoweringContext ctx) {
        List<long[]> in = new ArrayList<>();
        for (int i = 0; i < node.getInputCount(); i++) {
            Value v = ctx.input(node, i);
            in.add(v == null ? null : ctx.ints(v));
        }
        long[] a = in.isEmpty() ? null : in.get(0);
        switch (node.getOpType()) {
            case "Cast", "Identity" -> {
                long to = LoweringContext.intAttr(node, "to", TensorProto.DataType.INT64_VALUE);
                boolean integer = to == TensorProto.DataType.INT64_VALUE || to == TensorProto.DataType.INT32_VALUE;
                return integer || node.getOpType().equals("Identity") ? a : null;
            }
            case "Unsqueeze", "Squeeze" -> {
                return a; // a scalar and a 1-element vector have the same elements
            }
            case "Concat" -> {
                int n = 0;
                for (long[] part : in) {
                    if (part == null) {
                        return null;
                    }
                    n += part.length;
                }
                long[] out = new long[n];
                int k = 0;
                for (long[] part : in) {
                    System.arraycopy(part, 0, out, k, part.length);
                    k += part.length;
                }
                return out;
            }
            case "Gather" -> {
                long[] idx = in.size() > 1 ? in.get(1) : null;
                if (a == null || idx == null) {
                    return null;
                }
                long[] out = new long[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    long j = idx[i] < 0 ? idx[i] + a.length : idx[i];
                    if (j < 0 || j >= a.length) {
                        return null;
                    }
                    out[i] = a[(int) j];
                }
                return out;
            }
            case "Add", "Sub", "Mul", "Div" -> {
                long[] b = in.size() > 1 ? in.get(1) : null;
                if (a == null || b == null || (a.length != b.length && a.length != 1 && b.length != 1)) {
                    return null;
                }
                int n = Math.max(a.length, b.length);
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = arithmetic(node.getOpType(), a[a.length == 1 ? 0 : i], b[b.length == 1 ? 0 : i]);
                }
                return out;
            }
            default -> {
                return null;
            }
        }
    }

    private static long arithmetic(String op, long x, long y) {
        if (Value.symbolic(x) || Value.symbolic(y)) {
            return Value.UNKNOWN; // the batch or an unknown: the result depends on it
        }
        return switch (op) {
            case "Add" -> x + y;
            case "Sub" -> x - y;
            case "Mul" -> x * y;
            default -> y == 0 ? Value.UNKNOWN : x / y;
        };
    }
}
