package io.gmnstream.paramgraph.onnx.internal;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.gmnstream.paramgraph.MalformedInputException;
import io.gmnstream.paramgraph.ShapeMismatchException;
import io.gmnstream.paramgraph.UnsupportedOperatorException;
import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** State of one lowering: the value of every ONNX name, the spec layers and the parameter tensors. */
public final class LoweringContext {
    private final InitializerDecoder decoder;
    private final Map<String, Value> values = new HashMap<>();
    private final Map<String, Integer> consumers = new HashMap<>();
    private final LinkedHashMap<String, LayerSpec> layers = new LinkedHashMap<>();
    private final LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();

    LoweringContext(InitializerDecoder decoder, List<NodeProto> nodes) {
        this.decoder = decoder;
        for (NodeProto node : nodes) {
            for (String in : node.getInputList()) {
                consumers.merge(in, 1, Integer::sum);
            }
        }
    }

    InitializerDecoder decoder() {
        return decoder;
    }

    void put(String name, Value value) {
        values.put(name, value);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value of input {@code index} of {@code node}; null for an omitted optional input. */
    Value input(NodeProto node, int index) {
        if (index >= node.getInputCount() || node.getInput(index).isEmpty()) {
            return null;
        }
        String name = node.getInput(index);
        Value v = values.get(name);
        if (v == null) {
            throw new MalformedInputException(0, "node '" + nodeName(node) + "' (" + node.getOpType() + ") reads '" + name
                    + "', which no earlier node, initializer or graph input produces; the graph is not in topological order");
        }
        return v;
    }

    int consumerCount(String valueName) {
        return consumers.getOrDefault(valueName, 0);
    }

    /** Input {@code index} as an activation, finishing a pending pattern if needed. */
    Act act(NodeProto node, int index) {
        Value v = input(node, index);
        if (v instanceof Act a) {
            return a;
        }
        if (v instanceof Pattern p) {
            return PatternMaterializer.materialize(this, p, node);
        }
        throw unsupported(node, "input " + index + " is a constant; expected an activation of the network");
    }

    /** Input {@code index} as a constant tensor, or an error naming the node. */
    Value.Const constant(NodeProto node, int index, String role) {
        Value v = input(node, index);
        if (v instanceof Value.Const c) {
            return c;
        }
        throw unsupported(node, role + " (input " + index + ") must be an initializer or Constant, but it is computed"
                + (v instanceof Act ? " from the network input" : " by unsupported ops"));
    }

    static String nodeName(NodeProto node) {
        if (!node.getName().isEmpty()) {
            return node.getName();
        }
        return node.getOpType() + (node.getOutputCount() > 0 ? "->" + node.getOutput(0) : "");
    }

    static UnsupportedOperatorException unsupported(NodeProto node, String hint) {
        return new UnsupportedOperatorException(nodeName(node), node.getOpType(), hint);
    }

    static ShapeMismatchException mismatch(NodeProto node, Value.Const tensor, long[] expected) {
        return new ShapeMismatchException(nodeName(node), tensor.name(), expected, tensor.dims());
    }

    // ---- spec layers ----

    /** A unique layer name derived from the ONNX node name. */
    String layerName(NodeProto node) {
        String base = nodeName(node);
        if (base.equals(NetworkSpec.INPUT) || base.isBlank()) {
            base = node.getOpType() + "_" + layers.size();
        }
        String name = base;
        for (int i = 2; layers.containsKey(name); i++) {
            name = base + "#" + i;
        }
        return name;
    }

    /** Appends a layer reading from {@code input}; returns its name. */
    String addLayer(LayerSpec layer, Act... inputs) {
        List<String> names = new ArrayList<>();
        for (Act a : inputs) {
            names.add(a.layer());
        }
        return addLayer(layer, names);
    }

    /** Appends a layer reading the network input itself (an embedding of the token ids). */
    String addLayerOnInput(LayerSpec layer) {
        return addLayer(layer, List.of(NetworkSpec.INPUT));
    }

    private String addLayer(LayerSpec layer, List<String> inputs) {
        LayerSpec withInputs = layer.withInputs(inputs);
        layers.put(withInputs.name(), withInputs);
        return withInputs.name();
    }

    /** Creation order of a layer's nodes; the network input is -1. */
    int order(String layerName) {
        int i = 0;
        for (String name : layers.keySet()) {
            if (name.equals(layerName)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    LayerSpec layer(String name) {
        return layers.get(name);
    }

    /** Replaces a layer in place (a Linear gaining its bias, a projection becoming an attention). */
    void replaceLayer(String name, LayerSpec layer) {
        if (!layers.containsKey(name) || !layer.name().equals(name)) {
            throw new IllegalStateException("no layer '" + name + "' to replace");
        }
        layers.put(name, layer);
    }

    List<LayerSpec> layers() {
        return List.copyOf(layers.values());
    }

    /** A dense layer's input activation, kept for the attention matcher. */
    record Dense(Act input) {
    }

    private final Map<String, Dense> denseLayers = new HashMap<>();

    void rememberDense(String layer, Act input) {
        denseLayers.put(layer, new Dense(input));
    }

    /** The dense layer that created the nodes {@code layer}, or null. */
    Dense dense(String layer) {
        return denseLayers.get(layer);
    }

    // ---- tensors ----

    /**
     * Registers a parameter tensor under its ONNX name, as stored, and returns the name. Tensors are
     * never copied or transposed, so the graph's round trip gives back the initializers: a layer
     * that reads an initializer through a Transpose node records the orientation in its spec
     * (e.g. {@code transposedWeight}) and passes the stored tensor ({@link DenseMatcher#raw}).
     * A Transpose that only moves a unit dimension keeps the element order and is accepted as is.
     */
    String tensor(Value.Const c) {
        if (c.transposed() && Arrays.stream(c.dims()).allMatch(d -> d != 1)) {
            throw new UnsupportedOperatorException(c.name(), "Transpose", "a transposed initializer is only supported as the"
                    + " weight of a dense layer or attention projection, whose spec records the orientation");
        }
        return tensors.computeIfAbsent(c.name(), name -> decoder.decodeFloat(name, c.proto())).name();
    }

    Map<String, Tensor> tensors() {
        return tensors;
    }

    // ---- attributes ----

    static long intAttr(NodeProto node, String name, long fallback) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getI();
            }
        }
        return fallback;
    }

    static float floatAttr(NodeProto node, String name, float fallback) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getF();
            }
        }
        return fallback;
    }

    static long[] intsAttr(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                long[] out = new long[a.getIntsCount()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = a.getInts(i);
                }
                return out;
            }
        }
        return null;
    }

    static String stringAttr(NodeProto node, String name, String fallback) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getS().toStringUtf8();
            }
        }
        return fallback;
    }

    static AttributeProto attr(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** Small integer values of a Meta or integer constant, or null. */
    long[] ints(Value v) {
        if (v instanceof Value.Meta m) {
            return m.ints();
        }
        if (v instanceof Value.Const c && c.elementCount() >= 0 && c.elementCount() <= 64 && !c.transposed()) {
            return decoder.decodeInts(c.name(), c.proto());
        }
        return null;
    }

    /** The single float value of a scalar-like constant, or NaN. */
    double scalar(Value v) {
        if (v instanceof Value.Const c && c.elementCount() == 1 && InitializerDecoder.isFloatType(c.proto().getDataType())) {
            return decoder.decodeFloat(c.name(), c.proto()).values()[0];
        }
        if (v instanceof Value.Const c && c.elementCount() == 1) {
            long[] i = decoder.decodeInts(c.name(), c.proto());
            return i == null ? Double.NaN : i[0];
        }
        if (v instanceof Value.Meta m) {
            if (m.ints() != null && m.ints().length == 1 && m.ints()[0] >= 0) {
                return m.ints()[0];
            }
            return m.scalar();
        }
        return Double.NaN;
    }

    /** Normalizes a possibly negative axis for a tensor of {@code rank}. */
    static int axis(NodeProto node, long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new MalformedInputException(0, "node '" + nodeName(node) + "': axis " + axis + " is out of range for rank " + rank);
        }
        return (int) a;
    }
}
