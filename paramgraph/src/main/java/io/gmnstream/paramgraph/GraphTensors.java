package io.gmnstream.paramgraph;

import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lossless round trip: rebuilds every parameter tensor from the graph's edges and its layer
 * metadata. Each edge's element index is computed from its source and target node ids (relative to
 * the layer's node ranges), its type and its position, never from its place in the edge arrays, so
 * a bit-identical result proves the graph encodes every parameter exactly once.
 */
public final class GraphTensors {
    private GraphTensors() {
    }

    /**
     * Tensors by checkpoint name, with their declared shapes and stored types.
     *
     * @throws IllegalStateException when an edge does not map to a valid element, or an element is
     *                               covered by no edge or by two (an inconsistent graph)
     */
    public static Map<String, Tensor> toTensors(ParamGraph graph) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (GraphLayer layer : graph.layers()) {
            if (layer.tensors().isEmpty()) {
                continue;
            }
            for (Tensor t : rebuildLayer(graph, layer)) {
                Tensor previous = out.putIfAbsent(t.name(), t);
                if (previous != null && !previous.equals(t)) {
                    throw new IllegalStateException("tensor '" + t.name() + "' is used by two layers with different values");
                }
            }
        }
        return out;
    }

    private static List<Tensor> rebuildLayer(ParamGraph g, GraphLayer layer) {
        List<GraphTensor> specs = layer.tensors();
        Map<String, Integer> roleIndex = new HashMap<>();
        float[][] values = new float[specs.size()][];
        BitSet[] written = new BitSet[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            roleIndex.put(specs.get(i).role(), i);
            values[i] = new float[Math.toIntExact(Tensor.elementCount(specs.get(i).shape()))];
            written[i] = new BitSet(values[i].length);
        }
        Locator locator = locator(layer);
        int[] slot = new int[2];
        for (int e = layer.edgeOffset(); e < layer.edgeOffset() + layer.edgeCount(); e++) {
            EdgeType type = EdgeType.fromCode(g.edgeType()[e]);
            if (type == EdgeType.RESIDUAL) {
                continue;
            }
            String role = locator.locate(g, e, type, slot);
            Integer ti = roleIndex.get(role);
            int index = slot[0];
            if (ti == null || index < 0 || index >= values[ti].length) {
                throw inconsistent(layer, e, "maps to no element of role " + role + " (index " + index + ")");
            }
            if (written[ti].get(index)) {
                throw inconsistent(layer, e, "writes element " + index + " of role " + role + " a second time");
            }
            written[ti].set(index);
            values[ti][index] = g.edgeValue()[e];
        }
        Tensor[] result = new Tensor[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            GraphTensor t = specs.get(i);
            if (written[i].cardinality() != values[i].length) {
                throw new IllegalStateException("layer '" + layer.name() + "': " + (values[i].length - written[i].cardinality())
                        + " elements of '" + t.tensorName() + "' have no edge");
            }
            result[i] = new Tensor(t.tensorName(), t.sourceType(), t.shape(), values[i]);
        }
        return List.of(result);
    }

    /** Computes the role and element index (into {@code slot[0]}) of one edge of a layer. */
    @FunctionalInterface
    private interface Locator {
        String locate(ParamGraph g, int edge, EdgeType type, int[] slot);
    }

    private static Locator locator(GraphLayer layer) {
        LayerSpec spec = layer.spec();
        if (spec instanceof LayerSpec.Linear l) {
            return (g, e, type, slot) -> linear(layer, l, g, e, type, slot);
        }
        if (spec instanceof LayerSpec.Conv c) {
            return (g, e, type, slot) -> conv(layer, c, g, e, type, slot);
        }
        if (spec instanceof LayerSpec.Attention a) {
            return (g, e, type, slot) -> attention(layer, a, g, e, type, slot);
        }
        if (spec instanceof LayerSpec.Embedding em) {
            return (g, e, type, slot) -> {
                int v = g.edgeSource()[e] - layer.input().start();
                int j = g.edgeTarget()[e] - layer.output().start();
                slot[0] = inRange(v, em.numEmbeddings()) && inRange(j, em.embeddingDim()) ? v * em.embeddingDim() + j : -1;
                return "weight";
            };
        }
        // batch, layer, group and instance norm: gamma -> weight, beta -> bias, index = channel * P + position
        return (g, e, type, slot) -> {
            int c = g.edgeTarget()[e] - layer.input().start();
            int p = layer.grid().isEmpty() ? 0 : layer.grid().decode(g.edgePosition(), 3 * e);
            slot[0] = inRange(c, layer.input().count()) && p >= 0 ? c * layer.grid().size() + p : -1;
            return type.wireName().endsWith("_gamma") ? "weight" : "bias";
        };
    }

    private static String linear(GraphLayer layer, LayerSpec.Linear l, ParamGraph g, int e, EdgeType type, int[] slot) {
        int o = g.edgeTarget()[e] - layer.output().start();
        if (!inRange(o, l.outFeatures())) {
            slot[0] = -1;
            return "weight";
        }
        if (type == EdgeType.LINEAR_BIAS) {
            slot[0] = o;
            return "bias";
        }
        int col = column(layer, g, e);
        slot[0] = col < 0 || col >= l.inFeatures() ? -1 : l.transposedWeight() ? col * l.outFeatures() + o : o * l.inFeatures() + col;
        return "weight";
    }

    /** The input column of a linear weight edge, undoing the flatten-into-linear rule. */
    private static int column(GraphLayer layer, ParamGraph g, int e) {
        int c = g.edgeSource()[e] - layer.input().start();
        if (!inRange(c, layer.input().count())) {
            return -1;
        }
        PositionGrid grid = layer.grid();
        if (grid.isEmpty()) {
            return c;
        }
        int p = grid.decode(g.edgePosition(), 3 * e);
        if (p < 0) {
            return -1;
        }
        return layer.positionMajor() ? p * layer.input().count() + c : c * grid.size() + p;
    }

    private static String conv(GraphLayer layer, LayerSpec.Conv c, ParamGraph g, int e, EdgeType type, int[] slot) {
        int o = g.edgeTarget()[e] - layer.output().start();
        if (!inRange(o, c.outChannels())) {
            slot[0] = -1;
            return "weight";
        }
        if (type == EdgeType.CONV_BIAS) {
            slot[0] = o;
            return "bias";
        }
        int inPerGroup = c.inChannels() / c.groups();
        int outPerGroup = c.outChannels() / c.groups();
        int i = g.edgeSource()[e] - layer.input().start() - (o / outPerGroup) * inPerGroup;
        PositionGrid kernel = new PositionGrid(c.kernel());
        int k = kernel.decode(g.edgePosition(), 3 * e);
        slot[0] = inRange(i, inPerGroup) && k >= 0 ? (o * inPerGroup + i) * kernel.size() + k : -1;
        return "weight";
    }

    private static String attention(GraphLayer layer, LayerSpec.Attention a, ParamGraph g, int e, EdgeType type, int[] slot) {
        int d = a.embedDim();
        int src = g.edgeSource()[e];
        int dst = g.edgeTarget()[e];
        switch (type) {
            case ATTENTION_QUERY_WEIGHT, ATTENTION_KEY_WEIGHT, ATTENTION_VALUE_WEIGHT -> {
                int p = type.code() - EdgeType.ATTENTION_QUERY_WEIGHT.code();
                int i = src - layer.input().start();
                int j = dst - layer.hidden().start();
                if (!inRange(i, d) || !inRange(j, d)) {
                    slot[0] = -1;
                } else if (a.packedProjection()) {
                    slot[0] = a.transposedWeight() ? i * 3 * d + p * d + j : (p * d + j) * d + i;
                } else {
                    slot[0] = a.transposedWeight() ? i * d + j : j * d + i;
                }
                return a.packedProjection() ? LayerSpec.Attention.IN_PROJ_WEIGHT : LayerSpec.Attention.SPLIT_WEIGHTS.get(p);
            }
            case ATTENTION_QUERY_BIAS, ATTENTION_KEY_BIAS, ATTENTION_VALUE_BIAS -> {
                int p = type.code() - EdgeType.ATTENTION_QUERY_BIAS.code();
                int j = dst - layer.hidden().start();
                slot[0] = !inRange(j, d) ? -1 : a.packedProjection() ? p * d + j : j;
                return a.packedProjection() ? LayerSpec.Attention.IN_PROJ_BIAS : LayerSpec.Attention.SPLIT_BIASES.get(p);
            }
            case LINEAR_WEIGHT -> {
                int j = src - layer.hidden().start();
                int o = dst - layer.output().start();
                slot[0] = !inRange(j, d) || !inRange(o, d) ? -1 : a.transposedOutProjection() ? j * d + o : o * d + j;
                return LayerSpec.Attention.OUT_WEIGHT;
            }
            default -> {
                int o = dst - layer.output().start();
                slot[0] = inRange(o, d) ? o : -1;
                return LayerSpec.Attention.OUT_BIAS;
            }
        }
    }

    private static boolean inRange(int value, int size) {
        return value >= 0 && value < size;
    }

    private static IllegalStateException inconsistent(GraphLayer layer, int edge, String problem) {
        return new IllegalStateException("layer '" + layer.name() + "': edge " + edge + " " + problem);
    }
}
