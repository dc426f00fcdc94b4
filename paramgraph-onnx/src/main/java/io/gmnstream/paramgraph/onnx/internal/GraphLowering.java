package io.gmnstream.paramgraph.onnx.internal;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.gmnstream.paramgraph.MalformedInputException;
import io.gmnstream.paramgraph.UnsupportedOperatorException;
import io.gmnstream.paramgraph.spec.InputLayout;
import io.gmnstream.paramgraph.spec.InputSpec;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lowers an ONNX graph to a {@link NetworkSpec}: walks the nodes in their (topological) order and
 * gives each output a {@link Value}; the matchers add spec layers as they recognise them.
 */
public final class GraphLowering {
    private static final Set<String> ELEMENTWISE = Set.of("Add", "Sub", "Mul", "Div", "Pow");
    private static final Set<String> STRUCTURAL = Set.of("Flatten", "Reshape", "Transpose", "MaxPool", "AveragePool",
            "GlobalAveragePool", "GlobalMaxPool", "Pad", "Dropout", "Identity", "Cast");
    /** Ops on the input channels of a map; a rank-3 input they read is [N, C, L], not [N, T, d]. */
    private static final Set<String> CHANNEL_OPS = Set.of("Conv", "BatchNormalization", "InstanceNormalization",
            "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool");

    /** The result: the spec and its tensors, the ONNX initializers under their own names and layouts. */
    public record Result(NetworkSpec spec, java.util.Map<String, io.gmnstream.paramgraph.tensor.Tensor> tensors) {
    }

    private GraphLowering() {
    }

    public static Result lower(GraphProto graph, InitializerDecoder decoder) {
        LoweringContext ctx = new LoweringContext(decoder, graph.getNodeList());
        Set<String> initializerNames = new HashSet<>();
        for (TensorProto init : graph.getInitializerList()) {
            if (init.getName().isEmpty()) {
                throw new MalformedInputException(0, "an initializer has no name");
            }
            decoder.checkedDims(init.getName(), init); // refuse oversize declarations before anything else
            initializerNames.add(init.getName());
            ctx.put(init.getName(), new Value.Const(init.getName(), init, false, true));
        }
        InputSpec input = networkInput(graph, initializerNames, ctx);
        for (NodeProto node : graph.getNodeList()) {
            lowerNode(node, ctx);
        }
        if (ctx.layers().isEmpty()) {
            throw new UnsupportedOperatorException("<graph>", "no layers", "the graph has no operator that reads the network input");
        }
        return new Result(new NetworkSpec(input, ctx.layers()), ctx.tensors());
    }

    private static InputSpec networkInput(GraphProto graph, Set<String> initializers, LoweringContext ctx) {
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto in : graph.getInputList()) {
            if (!initializers.contains(in.getName())) { // IR < 4 lists initializers as inputs too
                inputs.add(in);
            }
        }
        if (inputs.size() != 1) {
            throw new UnsupportedOperatorException("<graph>", inputs.size() + " graph inputs",
                    "exactly one network input is supported, found " + inputs.stream().map(ValueInfoProto::getName).toList());
        }
        ValueInfoProto in = inputs.get(0);
        TensorShapeProto shape = in.getType().getTensorType().getShape();
        int rank = shape.getDimCount();
        if (isInteger(in.getType().getTensorType().getElemType())) {
            return tokenInput(in, shape, ctx);
        }
        if (rank < 2 || rank > 5) {
            throw new UnsupportedOperatorException(in.getName(), "input of rank " + rank,
                    "the input must be [N, features], [N, T, d] or [N, C, spatial...] with a batch axis first");
        }
        long[] dims = new long[rank];
        dims[0] = Value.BATCH;
        List<Integer> sample = new ArrayList<>();
        for (int i = 1; i < rank; i++) {
            dims[i] = staticDim(in, shape, i);
            sample.add((int) dims[i]);
        }
        InputLayout layout;
        Act.Kind kind;
        int featureAxis;
        if (rank == 2) {
            layout = InputLayout.FEATURES;
            kind = Act.Kind.VECTOR;
            featureAxis = 1;
        } else if (rank == 3 && !readByChannelOp(graph, in.getName())) {
            layout = InputLayout.SEQUENCE;
            kind = Act.Kind.SEQUENCE;
            featureAxis = 2;
        } else {
            layout = InputLayout.CHANNELS_FIRST;
            kind = Act.Kind.MAP;
            featureAxis = 1;
        }
        ctx.put(in.getName(), new Act(NetworkSpec.INPUT, NetworkSpec.INPUT, kind, dims, featureAxis, null));
        return new InputSpec(sample, layout);
    }

    /** Integer ids [N, T]: the input of an embedding (nn.Embedding exports Gather on the int64 input). */
    private static InputSpec tokenInput(ValueInfoProto in, TensorShapeProto shape, LoweringContext ctx) {
        if (shape.getDimCount() != 2) {
            throw new UnsupportedOperatorException(in.getName(), "integer input of rank " + shape.getDimCount(),
                    "an integer input must be token ids [N, T] read by an embedding");
        }
        int tokens = (int) staticDim(in, shape, 1);
        ctx.put(in.getName(), new Value.TokenIds(in.getName(), tokens));
        return InputSpec.tokens(tokens);
    }

    private static boolean isInteger(int elemType) {
        return elemType == TensorProto.DataType.INT64_VALUE || elemType == TensorProto.DataType.INT32_VALUE;
    }

    private static long staticDim(ValueInfoProto in, TensorShapeProto shape, int axis) {
        TensorShapeProto.Dimension d = shape.getDim(axis);
        if (!d.hasDimValue() || d.getDimValue() <= 0 || d.getDimValue() > Integer.MAX_VALUE) {
            throw new UnsupportedOperatorException(in.getName(), "dynamic input axis " + axis,
                    "only the batch axis may be dynamic; export with dynamic_axes={'" + in.getName() + "': {0: 'N'}}");
        }
        return d.getDimValue();
    }

    private static boolean readByChannelOp(GraphProto graph, String name) {
        for (NodeProto node : graph.getNodeList()) {
            if (node.getInputCount() > 0 && node.getInput(0).equals(name) && CHANNEL_OPS.contains(node.getOpType())) {
                return true;
            }
        }
        return false;
    }

    private static void lowerNode(NodeProto node, LoweringContext ctx) {
        String op = node.getOpType();
        if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
            throw LoweringContext.unsupported(node, "custom domain '" + node.getDomain() + "'");
        }
        if (op.equals("Constant")) {
            ShapeFolding.constantNode(node, ctx);
            return;
        }
        boolean readsNetwork = false;
        boolean readsTokens = false;
        for (int i = 0; i < node.getInputCount(); i++) {
            Value v = ctx.input(node, i);
            readsNetwork |= v instanceof Act || v instanceof Pattern;
            readsTokens |= v instanceof Value.TokenIds;
        }
        if (readsTokens) {
            EmbeddingMatcher.lower(node, ctx);
            return;
        }
        if (!readsNetwork) {
            ShapeFolding.fold(node, ctx);
            return;
        }
        if (op.equals("Shape")) {
            Value v = ctx.input(node, 0);
            Act source = v instanceof Act a ? a : ((Pattern) v).source();
            if (v instanceof Act) {
                ShapeFolding.shapeOfAct(node, source, ctx);
            } else {
                ctx.put(node.getOutput(0), Value.Meta.unknown()); // shape of an attention internal: heads, unknown
            }
            return;
        }
        if (ELEMENTWISE.contains(op)) {
            ElementwiseMatcher.lower(node, ctx);
        } else if (STRUCTURAL.contains(op)) {
            StructuralMatcher.lower(node, ctx);
        } else {
            switch (op) {
                case "Gemm" -> DenseMatcher.gemm(node, ctx);
                case "MatMul" -> DenseMatcher.matMul(node, ctx);
                case "Conv" -> ConvMatcher.lower(node, ctx);
                case "BatchNormalization" -> NormMatchers.batchNorm(node, ctx);
                case "LayerNormalization" -> NormMatchers.layerNorm(node, ctx);
                case "InstanceNormalization" -> NormMatchers.instanceNorm(node, ctx);
                case "ReduceMean" -> NormMatchers.reduceMean(node, ctx);
                case "Slice" -> AttentionMatcher.slice(node, ctx);
                case "Gather" -> throw LoweringContext.unsupported(node, "Gather over an activation; Gather is only"
                        + " supported as an embedding: a [V, d] weight initializer indexed by the integer token input");
                case "Erf", "Sqrt" -> ActivationMatcher.lower(node, ctx);
                default -> {
                    if (!ActivationMatcher.FUNCTIONS.containsKey(op)) {
                        throw LoweringContext.unsupported(node, "no rule for this op; supported layers are listed in"
                                + " paramgraph-onnx/README.md");
                    }
                    ActivationMatcher.lower(node, ctx);
                }
            }
        }
        for (String out : node.getOutputList()) {
            if (!out.isEmpty() && !ctx.has(out)) {
                ctx.put(out, Value.Meta.unknown());
            }
        }
    }
}
