package io.gmnstream.operator.learn;

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
 * <p>A {@link UnitGroup} is the output units (neurons or channels) of a linear or conv layer P whose
 * output reaches exactly one linear or conv layer C through parameter-free layers with exactly one
 * activation, and optionally an affine batch norm right after P. Multiplying a unit's incoming
 * parameters (P's weight row and bias, or the batch norm's scale and shift when there is one) by c
 * and its outgoing weights in C by 1/c is exact:
 * <ul>
 *   <li>for relu with any c &gt; 0: relu(cx) = c relu(x), and max and average pooling commute with it;</li>
 *   <li>for tanh with c = -1: tanh is odd; average pooling commutes, max pooling does not (then none).</li>
 * </ul>
 * Other activations (gelu) have no such symmetry, and units that feed a residual add, a norm or more
 * than one layer are left alone: rescaling them would change the function.
 */
public final class FunctionSymmetries {
    /** Which rescaling a group allows. */
    public enum Kind { POSITIVE_SCALE, SIGN_FLIP }

    /**
     * Units {@code units} of one layer; edges in {@code scaledIn} (offset/count pairs) are multiplied by
     * their target unit's factor, edges in {@code scaledOut} divided by their source unit's factor.
     */
    public record UnitGroup(String layer, Kind kind, NodeRange units, List<int[]> scaledIn, int[] scaledOut) {
        public UnitGroup {
            Objects.requireNonNull(kind, "kind");
            scaledIn = List.copyOf(scaledIn);
        }
    }

    private FunctionSymmetries() {
    }

    /** The unit groups of {@code graph}, from its layer specs (empty when none is safe to rescale). */
    public static List<UnitGroup> of(ParamGraph graph) {
        List<GraphLayer> layers = graph.layers();
        Map<String, List<GraphLayer>> consumers = consumers(layers);
        List<UnitGroup> groups = new ArrayList<>();
        for (GraphLayer producer : layers) {
            if (isWeighted(producer.spec())) {
                chainFrom(producer, consumers).ifPresent(groups::add);
            }
        }
        return List.copyOf(groups);
    }

    /**
     * A copy of {@code graph} with every unit of {@code groups} rescaled: by exp(u), u uniform in
     * [-logSpread, logSpread], for {@link Kind#POSITIVE_SCALE}; by -1 with probability 1/2 for
     * {@link Kind#SIGN_FLIP}. The structure is shared; only the edge values are new. A graph whose values
     * would overflow is returned as it is.
     */
    public static ParamGraph rescaled(ParamGraph graph, List<UnitGroup> groups, Random random, double logSpread) {
        if (!(logSpread >= 0) || !Double.isFinite(logSpread)) {
            throw new IllegalArgumentException("logSpread must be finite and >= 0, got " + logSpread);
        }
        float[] values = graph.edgeValue().clone();
        int[] source = graph.edgeSource();
        int[] target = graph.edgeTarget();
        for (UnitGroup group : groups) {
            float[] factor = new float[group.units().count()];
            for (int i = 0; i < factor.length; i++) {
                factor[i] = group.kind() == Kind.POSITIVE_SCALE
                        ? (float) Math.exp(logSpread * (2 * random.nextDouble() - 1))
                        : (random.nextBoolean() ? -1f : 1f);
            }
            int first = group.units().start();
            for (int[] range : group.scaledIn()) {
                for (int e = range[0]; e < range[0] + range[1]; e++) {
                    values[e] *= factor[target[e] - first];
                }
            }
            int[] out = group.scaledOut();
            for (int e = out[0]; e < out[0] + out[1]; e++) {
                values[e] /= factor[source[e] - first];
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
                return group(producer, batchNorm, activation, maxPool, layer);
            }
            if (spec instanceof LayerSpec.BatchNorm bn && bn.affine() && batchNorm == null && activation == null
                    && current == producer) {
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

    private static Optional<UnitGroup> group(GraphLayer producer, GraphLayer batchNorm, String activation,
                                                        boolean maxPool, GraphLayer consumer) {
        Kind kind;
        if ("relu".equals(activation)) {
            kind = Kind.POSITIVE_SCALE;
        } else if ("tanh".equals(activation) && !maxPool) {
            kind = Kind.SIGN_FLIP;
        } else {
            return Optional.empty();
        }
        GraphLayer scaledLayer = batchNorm != null ? batchNorm : producer;
        List<int[]> scaledIn = new ArrayList<>();
        for (GraphTensor t : scaledLayer.tensors()) {
            scaledIn.add(new int[] {t.edgeOffset(), t.edgeCount()});
        }
        GraphTensor out = consumer.tensor("weight");
        return Optional.of(new UnitGroup(producer.name(), kind, producer.output(), scaledIn,
                new int[] {out.edgeOffset(), out.edgeCount()}));
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
