package io.gmnstream.operator.learn;

import io.gmnstream.paramgraph.EdgeType;
import io.gmnstream.paramgraph.GraphLayer;
import io.gmnstream.paramgraph.GraphTensor;
import io.gmnstream.paramgraph.NodeRange;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * Rescalings of hidden units that leave a network's function, and so its accuracy, unchanged: weight
 * space augmentation (Shamsian et al. 2024, "Improved Generalization of Weight Space Networks via
 * Augmentations"). The GMN is invariant to permutations by construction but not to these, so it
 * must learn from examples that a network and its rescaled twin are the same network.
 *
 * <p>Two kinds of {@link UnitGroup}:
 * <ul>
 *   <li>The output units (neurons or channels) of a linear or conv layer P whose output reaches exactly
 *       one linear or conv layer C through parameter-free layers with exactly one activation, and
 *       optionally an affine batch norm right after P. Multiplying a unit's incoming parameters (P's
 *       weight row and bias, or the batch norm's scale and shift when there is one) by c and its
 *       outgoing weights in C by 1/c is exact for relu with any c &gt; 0 (relu(cx) = c relu(x); max and
 *       average pooling commute), and for tanh with c = -1 (tanh is odd; average pooling commutes, max
 *       pooling does not, so then there is no group).</li>
 *   <li>The attention neurons of a self-attention layer: a neuron's value projection times c and its
 *       output-projection weights times 1/c, and, independently, its query projection times c and its
 *       key projection times 1/c, for any c other than 0 (attention is linear in V, and each head's
 *       scores are sums of products q_j k_j).</li>
 * </ul>
 * Other activations (gelu) have no such symmetry, and units that feed a residual add, a norm or more
 * than one layer are left alone: rescaling them would change the function.
 */
public final class FunctionSymmetries {
    /** Which factors a group allows. */
    public enum Kind {
        /** exp(u), u uniform in [-spread, spread]. */
        POSITIVE_SCALE,
        /** -1 or 1. */
        SIGN_FLIP,
        /** A random sign times exp(u). */
        ANY_SCALE
    }

    /**
     * Edges {@code offset .. offset+count-1} (only those of {@code edgeType} when it is not null) are
     * multiplied, or divided, by the factor of the unit at their target, or at their source.
     */
    public record EdgeScaling(int offset, int count, EdgeType edgeType, boolean bySource, boolean divide) {
        static EdgeScaling multiplyByTarget(GraphTensor tensor) {
            return new EdgeScaling(tensor.edgeOffset(), tensor.edgeCount(), null, false, false);
        }

        static EdgeScaling divideBySource(GraphTensor tensor) {
            return new EdgeScaling(tensor.edgeOffset(), tensor.edgeCount(), null, true, true);
        }

        static EdgeScaling ofType(GraphLayer layer, EdgeType type, boolean divide) {
            return new EdgeScaling(layer.edgeOffset(), layer.edgeCount(), type, false, divide);
        }
    }

    /** Units {@code units} of layer {@code layer}, each with its own random factor, and the edges it scales. */
    public record UnitGroup(String layer, Kind kind, NodeRange units, List<EdgeScaling> edges) {
        public UnitGroup {
            Objects.requireNonNull(kind, "kind");
            edges = List.copyOf(edges);
        }
    }

    private FunctionSymmetries() {
    }

    /** The unit groups of {@code graph}, from its layer specs (empty when none is safe to rescale). */
    public static List<UnitGroup> of(ParamGraph graph) {
        List<GraphLayer> layers = graph.layers();
        Map<String, List<GraphLayer>> consumers = consumers(layers);
        List<UnitGroup> groups = new ArrayList<>();
        for (GraphLayer layer : layers) {
            if (isWeighted(layer.spec())) {
                chainFrom(layer, consumers).ifPresent(groups::add);
            } else if (layer.spec() instanceof LayerSpec.Attention) {
                groups.addAll(attention(layer));
            }
        }
        return List.copyOf(groups);
    }

    /**
     * A copy of {@code graph} with every unit of {@code groups} rescaled by a factor drawn from
     * {@code random} as its group's {@link Kind} says. The structure is shared; only the edge values are
     * new. A graph whose values would overflow is returned as it is.
     */
    public static ParamGraph rescaled(ParamGraph graph, List<UnitGroup> groups, Random random, double logSpread) {
        if (!(logSpread >= 0) || !Double.isFinite(logSpread)) {
            throw new IllegalArgumentException("logSpread must be finite and >= 0, got " + logSpread);
        }
        float[] values = graph.edgeValue().clone();
        for (UnitGroup group : groups) {
            float[] factor = new float[group.units().count()];
            for (int i = 0; i < factor.length; i++) {
                factor[i] = factor(group.kind(), random, logSpread);
            }
            for (EdgeScaling scaling : group.edges()) {
                scale(graph, values, scaling, group.units().start(), factor);
            }
        }
        for (float v : values) {
            if (!Float.isFinite(v)) {
                // A diverged network's huge weights can overflow when scaled up: it stays as it is.
                return graph;
            }
        }
        return graph.withEdgeValues(values);
    }

    private static float factor(Kind kind, Random random, double logSpread) {
        float magnitude = (float) Math.exp(logSpread * (2 * random.nextDouble() - 1));
        return switch (kind) {
            case POSITIVE_SCALE -> magnitude;
            case SIGN_FLIP -> random.nextBoolean() ? -1f : 1f;
            case ANY_SCALE -> random.nextBoolean() ? -magnitude : magnitude;
        };
    }

    private static void scale(ParamGraph graph, float[] values, EdgeScaling scaling, int firstUnit, float[] factor) {
        int[] unitOf = scaling.bySource() ? graph.edgeSource() : graph.edgeTarget();
        byte[] types = graph.edgeType();
        byte type = scaling.edgeType() == null ? -1 : scaling.edgeType().code();
        for (int e = scaling.offset(); e < scaling.offset() + scaling.count(); e++) {
            if (type >= 0 && types[e] != type) {
                continue;
            }
            float f = factor[unitOf[e] - firstUnit];
            values[e] = scaling.divide() ? values[e] / f : values[e] * f;
        }
    }

    /** Follows P's output through parameter-free layers to its one weighted consumer. */
    private static Optional<UnitGroup> chainFrom(GraphLayer producer, Map<String, List<GraphLayer>> consumers) {
        GraphLayer current = producer;
        GraphLayer batchNorm = null;
        String activation = null;
        boolean maxPool = false;
        while (true) {
            List<GraphLayer> next = consumers.getOrDefault(current.name(), List.of());
            if (next.size() != 1) {
                return Optional.empty();
            }
            GraphLayer layer = next.get(0);
            LayerSpec spec = layer.spec();
            if (isWeighted(spec)) {
                return chainGroup(producer, batchNorm, activation, maxPool, layer);
            }
            if (spec instanceof LayerSpec.BatchNorm bn && bn.affine() && current == producer) {
                batchNorm = layer;
            } else if (spec instanceof LayerSpec.Activation a && activation == null) {
                activation = a.fn().toLowerCase(Locale.ROOT);
            } else if (spec instanceof LayerSpec.Pool p) {
                maxPool |= p.kind() == LayerSpec.PoolKind.MAX;
            } else if (spec instanceof LayerSpec.GlobalPool p) {
                maxPool |= p.kind() == LayerSpec.PoolKind.MAX;
            } else if (!(spec instanceof LayerSpec.Dropout || spec instanceof LayerSpec.Identity)) {
                return Optional.empty();
            }
            current = layer;
        }
    }

    private static Optional<UnitGroup> chainGroup(GraphLayer producer, GraphLayer batchNorm, String activation,
                                                  boolean maxPool, GraphLayer consumer) {
        Kind kind;
        if ("relu".equals(activation)) {
            kind = Kind.POSITIVE_SCALE;
        } else if ("tanh".equals(activation) && !maxPool) {
            kind = Kind.SIGN_FLIP;
        } else {
            return Optional.empty();
        }
        List<EdgeScaling> edges = new ArrayList<>();
        for (GraphTensor t : (batchNorm != null ? batchNorm : producer).tensors()) {
            edges.add(EdgeScaling.multiplyByTarget(t));
        }
        edges.add(EdgeScaling.divideBySource(consumer.tensor("weight")));
        return Optional.of(new UnitGroup(producer.name(), kind, producer.output(), edges));
    }

    /** Value/output and query/key rescalings of an attention layer's neurons. */
    private static List<UnitGroup> attention(GraphLayer layer) {
        NodeRange neurons = layer.hidden();
        UnitGroup valueOutput = new UnitGroup(layer.name(), Kind.ANY_SCALE, neurons, List.of(
                EdgeScaling.ofType(layer, EdgeType.ATTENTION_VALUE_WEIGHT, false),
                EdgeScaling.ofType(layer, EdgeType.ATTENTION_VALUE_BIAS, false),
                EdgeScaling.divideBySource(layer.tensor(LayerSpec.Attention.OUT_WEIGHT))));
        UnitGroup queryKey = new UnitGroup(layer.name(), Kind.ANY_SCALE, neurons, List.of(
                EdgeScaling.ofType(layer, EdgeType.ATTENTION_QUERY_WEIGHT, false),
                EdgeScaling.ofType(layer, EdgeType.ATTENTION_QUERY_BIAS, false),
                EdgeScaling.ofType(layer, EdgeType.ATTENTION_KEY_WEIGHT, true),
                EdgeScaling.ofType(layer, EdgeType.ATTENTION_KEY_BIAS, true)));
        return List.of(valueOutput, queryKey);
    }

    private static boolean isWeighted(LayerSpec spec) {
        return spec instanceof LayerSpec.Linear || spec instanceof LayerSpec.Conv;
    }

    /** Layers by the name of each layer they read (a layer without declared inputs reads the one before it). */
    private static Map<String, List<GraphLayer>> consumers(List<GraphLayer> layers) {
        Map<String, List<GraphLayer>> out = new HashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            GraphLayer layer = layers.get(i);
            List<String> inputs = layer.spec().inputs();
            if (inputs.isEmpty()) {
                inputs = List.of(i == 0 ? NetworkSpec.INPUT : layers.get(i - 1).name());
            }
            for (String input : inputs) {
                out.computeIfAbsent(input, k -> new ArrayList<>()).add(layer);
            }
        }
        return out;
    }
}
