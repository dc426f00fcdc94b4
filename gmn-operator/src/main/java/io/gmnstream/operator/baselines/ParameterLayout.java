package io.gmnstream.operator.baselines;

import io.gmnstream.paramgraph.GraphLayer;
import io.gmnstream.paramgraph.GraphTensor;
import io.gmnstream.paramgraph.GraphTensors;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A network's parameter tensors grouped by layer, in forward (spec) order, each layer classified
 * as {@link Kind#DENSE} (linear, conv, attention, embedding: weights and biases) or
 * {@link Kind#NORM} (batch/layer/group/instance norm: gains and shifts).
 *
 * <p>"First" and "last" in the feature vectors mean the first and last DENSE layer of this list.
 * With a graph, the order is the spec order of {@link ParamGraph#layers()} and the roles come from
 * the spec (an attention layer's Q/K/V/out projections are all its weights). Without a graph
 * ({@link #fromTensors}), the order is the map's iteration order, layers are the tensor-name
 * prefixes before the last '.', a tensor whose name ends in "weight" is a weight (rank >= 2: DENSE
 * layer; rank 1: a NORM gain) and every other tensor is a bias (or a NORM shift).
 */
public record ParameterLayout(List<Layer> layers) {
    public enum Kind { DENSE, NORM }

    /** One parametric layer; {@code weights} are gains and {@code biases} shifts for a NORM layer. */
    public record Layer(String name, Kind kind, List<Tensor> weights, List<Tensor> biases) {
        public Layer {
            weights = List.copyOf(weights);
            biases = List.copyOf(biases);
        }
    }

    public ParameterLayout {
        layers = List.copyOf(layers);
    }

    public List<Layer> dense() {
        return layers.stream().filter(l -> l.kind() == Kind.DENSE).toList();
    }

    public List<Layer> norms() {
        return layers.stream().filter(l -> l.kind() == Kind.NORM).toList();
    }

    /** Every tensor once. */
    public List<Tensor> allTensors() {
        List<Tensor> out = new ArrayList<>();
        for (Layer l : layers) {
            out.addAll(l.weights());
            out.addAll(l.biases());
        }
        return out;
    }

    /**
     * From a built graph (spec order and roles); tensor values come from {@code tensors} by name,
     * or are rebuilt from the graph's edges when {@code tensors} is null or lacks one.
     */
    public static ParameterLayout from(ParamGraph graph, Map<String, Tensor> tensors) {
        Objects.requireNonNull(graph, "graph");
        Map<String, Tensor> values = tensors == null ? Map.of() : tensors;
        Map<String, Tensor> rebuilt = null;
        List<Layer> out = new ArrayList<>();
        for (GraphLayer gl : graph.layers()) {
            if (gl.tensors().isEmpty()) {
                continue;
            }
            Kind kind = kindOf(gl.spec());
            if (kind == null) {
                continue;
            }
            List<Tensor> weights = new ArrayList<>();
            List<Tensor> biases = new ArrayList<>();
            for (GraphTensor gt : gl.tensors()) {
                Tensor t = values.get(gt.tensorName());
                if (t == null) {
                    if (rebuilt == null) {
                        rebuilt = GraphTensors.toTensors(graph);
                    }
                    t = rebuilt.get(gt.tensorName());
                }
                if (t == null) {
                    throw new IllegalArgumentException("no values for tensor '" + gt.tensorName() + "' of layer '" + gl.name() + "'");
                }
                (gt.role().contains("weight") ? weights : biases).add(t);
            }
            out.add(new Layer(gl.name(), kind, weights, biases));
        }
        return new ParameterLayout(out);
    }

    /** From tensors alone, in the map's iteration order (see the class comment for the rules). */
    public static ParameterLayout fromTensors(Map<String, Tensor> tensors) {
        Map<String, List<Tensor>> byLayer = new LinkedHashMap<>();
        for (Tensor t : tensors.values()) {
            int dot = t.name().lastIndexOf('.');
            String layer = dot < 0 ? t.name() : t.name().substring(0, dot);
            byLayer.computeIfAbsent(layer, k -> new ArrayList<>()).add(t);
        }
        List<Layer> out = new ArrayList<>();
        for (Map.Entry<String, List<Tensor>> e : byLayer.entrySet()) {
            List<Tensor> weights = new ArrayList<>();
            List<Tensor> biases = new ArrayList<>();
            boolean dense = false;
            for (Tensor t : e.getValue()) {
                String leaf = t.name().substring(t.name().lastIndexOf('.') + 1);
                if (leaf.endsWith("weight")) {
                    weights.add(t);
                    dense |= t.rank() >= 2;
                } else {
                    biases.add(t);
                }
            }
            out.add(new Layer(e.getKey(), dense ? Kind.DENSE : Kind.NORM, weights, biases));
        }
        return new ParameterLayout(out);
    }

    private static Kind kindOf(LayerSpec spec) {
        if (spec instanceof LayerSpec.Linear || spec instanceof LayerSpec.Conv || spec instanceof LayerSpec.Attention
                || spec instanceof LayerSpec.Embedding) {
            return Kind.DENSE;
        }
        if (spec instanceof LayerSpec.BatchNorm || spec instanceof LayerSpec.LayerNorm || spec instanceof LayerSpec.GroupNorm
                || spec instanceof LayerSpec.InstanceNorm) {
            return Kind.NORM;
        }
        return null;
    }
}
