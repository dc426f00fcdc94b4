package io.gmnstream.paramgraph;

import static io.gmnstream.paramgraph.spec.Layers.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.paramgraph.spec.InputSpec;
import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.tensor.MapTensorSource;
import io.gmnstream.paramgraph.tensor.Tensor;
import io.gmnstream.paramgraph.testing.Networks;
import io.gmnstream.paramgraph.testing.RandomTensors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Exact per-layer expectations on small networks. */
class LayerRulesTest {
    private final GraphBuilder builder = GraphBuilder.withDefaults();

    private ParamGraph build(NetworkSpec spec) {
        return builder.build(spec, RandomTensors.forSpec(spec, 11));
    }

    private static List<NodeType> nodeTypes(ParamGraph g) {
        List<NodeType> out = new ArrayList<>();
        for (byte b : g.nodeType()) {
            out.add(NodeType.fromCode(b));
        }
        return out;
    }

    private static List<String> edges(ParamGraph g, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int e = from; e < to; e++) {
            out.add(g.edgeSource()[e] + ">" + g.edgeTarget()[e] + " " + EdgeType.fromCode(g.edgeType()[e]).wireName() + " L"
                    + g.edgeLayer()[e] + " (" + g.edgePosition()[3 * e] + "," + g.edgePosition()[3 * e + 1] + "," + g.edgePosition()[3 * e + 2] + ")");
        }
        return out;
    }

    @Test
    void shouldLayOutTheLinearLayerNormMlpExactly() {
        NetworkSpec spec = Networks.tinyLayerNormMlp();
        MapTensorSource tensors = RandomTensors.forSpec(spec, 1);
        ParamGraph g = builder.build(spec, tensors);

        assertThat(nodeTypes(g)).containsExactly(NodeType.NEURON, NodeType.NEURON, NodeType.NEURON, NodeType.NEURON, NodeType.NEURON,
                NodeType.LAYER_NORM_GAMMA, NodeType.LAYER_NORM_BETA, NodeType.NEURON, NodeType.BIAS);
        assertThat(g.nodeLayer()).containsExactly(0, 0, 1, 1, 1, 2, 2, 3, 3);
        assertThat(g.nodePosition()).containsExactly(0, 1, -1, -1, -1, -1, -1, 0, -1);
        assertThat(edges(g, 0, 6)).containsExactly("0>2 linear_weight L1 (-1,-1,-1)", "1>2 linear_weight L1 (-1,-1,-1)",
                "0>3 linear_weight L1 (-1,-1,-1)", "1>3 linear_weight L1 (-1,-1,-1)", "0>4 linear_weight L1 (-1,-1,-1)",
                "1>4 linear_weight L1 (-1,-1,-1)");
        assertThat(edges(g, 6, 12)).containsExactly("5>2 layer_norm_gamma L2 (-1,-1,-1)", "5>3 layer_norm_gamma L2 (-1,-1,-1)",
                "5>4 layer_norm_gamma L2 (-1,-1,-1)", "6>2 layer_norm_beta L2 (-1,-1,-1)", "6>3 layer_norm_beta L2 (-1,-1,-1)",
                "6>4 layer_norm_beta L2 (-1,-1,-1)");
        assertThat(edges(g, 12, 16)).containsExactly("2>7 linear_weight L3 (-1,-1,-1)", "3>7 linear_weight L3 (-1,-1,-1)",
                "4>7 linear_weight L3 (-1,-1,-1)", "8>7 linear_bias L3 (-1,-1,-1)");
        float[] w1 = tensors.get("fc1.weight").values();
        assertThat(g.edgeValue()[3]).isEqualTo(w1[1 * 2 + 1]);
        assertThat(g.edgeValue()[15]).isEqualTo(tensors.get("fc2.bias").values()[0]);
        assertThat(g.layer("act").layerIndex()).isEqualTo(1);
        assertThat(g.layer("ln").tensors()).extracting(GraphTensor::role).containsExactly("weight", "bias");
    }

    @Test
    void shouldTagConvWeightsWithTheirKernelPosition() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.channelsFirst(2, 5, 5), conv2d("c", 2, 1, 2).withBias(true));
        ParamGraph g = build(spec);

        assertThat(nodeTypes(g)).containsExactly(NodeType.CHANNEL, NodeType.CHANNEL, NodeType.CHANNEL, NodeType.CHANNEL_BIAS);
        assertThat(g.nodePosition()).containsExactly(0, 1, 0, -1);
        assertThat(edges(g, 0, 9)).containsExactly("0>2 conv_weight L1 (0,0,-1)", "0>2 conv_weight L1 (0,1,-1)",
                "0>2 conv_weight L1 (1,0,-1)", "0>2 conv_weight L1 (1,1,-1)", "1>2 conv_weight L1 (0,0,-1)",
                "1>2 conv_weight L1 (0,1,-1)", "1>2 conv_weight L1 (1,0,-1)", "1>2 conv_weight L1 (1,1,-1)",
                "3>2 conv_bias L1 (-1,-1,-1)");
    }

    @Test
    void groupedConvShouldConnectOnlyTheChannelsOfEachGroup() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.channelsFirst(4, 3), conv1d("g", 4, 6, 1).withGroups(2).withBias(false));
        ParamGraph g = build(spec);

        // output channels 4..6 (group 0) read inputs 0..1, outputs 7..9 (group 1) read inputs 2..3
        Set<String> pairs = new HashSet<>();
        for (int e = 0; e < g.numEdges(); e++) {
            pairs.add(g.edgeSource()[e] + ">" + g.edgeTarget()[e]);
        }
        assertThat(pairs).containsExactlyInAnyOrder("0>4", "1>4", "0>5", "1>5", "0>6", "1>6", "2>7", "3>7", "2>8", "3>8", "2>9", "3>9");
        assertThat(g.numEdges()).isEqualTo(6 * 2);
    }

    @Test
    void depthwiseConvShouldConnectEachChannelToItself() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.channelsFirst(3, 4, 4), conv2d("dw", 3, 3, 3).withGroups(3).withPadding(1, 1));
        ParamGraph g = build(spec);

        assertThat(g.numEdges()).isEqualTo(3 * 9 + 3);
        for (int e = 0; e < 27; e++) {
            assertThat(g.edgeTarget()[e] - g.edgeSource()[e]).isEqualTo(3);
        }
    }

    @Test
    void flattenIntoLinearShouldUseChannelNodesAndSpatialPositions() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.channelsFirst(2, 2, 3), flatten("f"), linear("fc", 12, 1).withBias(false));
        ParamGraph g = build(spec);

        assertThat(g.numNodes()).isEqualTo(3);
        // column c*6 + h*3 + w comes from channel c tagged (h, w)
        assertThat(edges(g, 0, 12)).containsExactly("0>2 linear_weight L1 (0,0,-1)", "0>2 linear_weight L1 (0,1,-1)",
                "0>2 linear_weight L1 (0,2,-1)", "0>2 linear_weight L1 (1,0,-1)", "0>2 linear_weight L1 (1,1,-1)",
                "0>2 linear_weight L1 (1,2,-1)", "1>2 linear_weight L1 (0,0,-1)", "1>2 linear_weight L1 (0,1,-1)",
                "1>2 linear_weight L1 (0,2,-1)", "1>2 linear_weight L1 (1,0,-1)", "1>2 linear_weight L1 (1,1,-1)",
                "1>2 linear_weight L1 (1,2,-1)");
    }

    @Test
    void flattenOfASequenceShouldBeTokenMajor() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.sequence(2, 2), flatten("f"), linear("fc", 4, 1).withBias(false));
        ParamGraph g = build(spec);

        assertThat(edges(g, 0, 4)).containsExactly("0>2 linear_weight L1 (0,-1,-1)", "1>2 linear_weight L1 (0,-1,-1)",
                "0>2 linear_weight L1 (1,-1,-1)", "1>2 linear_weight L1 (1,-1,-1)");
        assertThat(g.layer("fc").positionMajor()).isTrue();
    }

    @Test
    void strideAndPaddingShouldChangeTheFlattenedWidth() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.channelsFirst(1, 7, 7), conv2d("c", 1, 2, 3).withStride(2, 2).withPadding(1, 1),
                maxPool("p", 2, 2), flatten("f"), linear("fc", 2 * 2 * 2, 1));
        ParamGraph g = build(spec);

        assertThat(g.layer("fc").grid().dims()).containsExactly(2, 2);
        assertThat(g.numEdges()).isEqualTo(2 * 9 + 2 + 8 + 1);
    }

    @Test
    void layerNormOverAMapShouldGiveOnePositionalEdgePerChannelAndPosition() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.channelsFirst(2, 1, 3), layerNorm("ln", 2, 1, 3));
        ParamGraph g = build(spec);

        assertThat(nodeTypes(g)).containsExactly(NodeType.CHANNEL, NodeType.CHANNEL, NodeType.LAYER_NORM_GAMMA, NodeType.LAYER_NORM_BETA);
        assertThat(edges(g, 0, 6)).containsExactly("2>0 layer_norm_gamma L1 (0,0,-1)", "2>0 layer_norm_gamma L1 (0,1,-1)",
                "2>0 layer_norm_gamma L1 (0,2,-1)", "2>1 layer_norm_gamma L1 (0,0,-1)", "2>1 layer_norm_gamma L1 (0,1,-1)",
                "2>1 layer_norm_gamma L1 (0,2,-1)");
        assertThat(g.numEdges()).isEqualTo(12);
    }

    @Test
    void layerNormWithoutBiasShouldHaveNoBetaNode() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.features(4), layerNorm("ln", 4).withBias(false));
        ParamGraph g = build(spec);

        assertThat(g.nodeTypeCounts()).containsExactlyInAnyOrderEntriesOf(Map.of(NodeType.NEURON, 4, NodeType.LAYER_NORM_GAMMA, 1));
        assertThat(g.edgeTypeCounts()).containsExactlyInAnyOrderEntriesOf(Map.of(EdgeType.LAYER_NORM_GAMMA, 4));
    }

    @Test
    void nonAffineNormsShouldAddNothing() {
        ParamGraph g = build(Networks.cnnNonAffine());

        assertThat(g.nodeTypeCounts()).doesNotContainKeys(NodeType.INSTANCE_NORM_GAMMA, NodeType.INSTANCE_NORM_BETA);
        assertThat(g.nodeTypeCounts()).containsEntry(NodeType.BATCH_NORM_GAMMA, 1).containsEntry(NodeType.BATCH_NORM_BETA, 1);
        assertThat(g.layer("in").tensors()).isEmpty();
        assertThat(g.layer("in").edgeCount()).isZero();
        // conv = 1, the affine bn1d = 2, fc = 3: non-affine norms take no layer index
        assertThat(g.layer("bn1d").layerIndex()).isEqualTo(2);
        assertThat(g.layer("fc").layerIndex()).isEqualTo(3);
    }

    @Test
    void residualEdgesShouldRunFromTheEarlierNodesToTheLaterWithValueOne() {
        NetworkSpec spec = NetworkSpec.builder(InputSpec.features(3))
                .add(linear("a", 3, 3))
                .add(linear("b", 3, 3))
                .add(add("res", "b", "a"))
                .build();
        ParamGraph g = build(spec);

        GraphLayer res = g.layer("res");
        assertThat(res.edgeCount()).isEqualTo(3);
        assertThat(edges(g, res.edgeOffset(), res.edgeOffset() + 3)).containsExactly("3>7 residual L2 (-1,-1,-1)",
                "4>8 residual L2 (-1,-1,-1)", "5>9 residual L2 (-1,-1,-1)");
        for (int e = res.edgeOffset(); e < res.edgeOffset() + 3; e++) {
            assertThat(g.edgeValue()[e]).isEqualTo(1.0f);
        }
        assertThat(g.numResidualEdges()).isEqualTo(3);
        // the output keeps b's nodes, which are the network outputs
        assertThat(g.nodePosition()[7]).isEqualTo(0);
        assertThat(g.nodePosition()[9]).isEqualTo(2);
        assertThat(g.nodePosition()[3]).isEqualTo(-1);
    }

    @Test
    void addingAnActivationToItselfShouldAddNoEdges() {
        ParamGraph g = build(Networks.sequenceFlatten());

        assertThat(g.layer("self").edgeCount()).isZero();
        assertThat(g.numResidualEdges()).isZero();
    }

    @Test
    void attentionShouldShareAttentionNeuronsAcrossQueryKeyAndValue() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.sequence(3, 4), attention("attn", 4, 2));
        ParamGraph g = build(spec);

        assertThat(g.nodeTypeCounts()).containsExactlyInAnyOrderEntriesOf(Map.of(NodeType.NEURON, 8, NodeType.ATTENTION_NEURON, 4,
                NodeType.ATTENTION_BIAS, 3, NodeType.BIAS, 1));
        assertThat(g.edgeTypeCounts()).containsExactlyInAnyOrderEntriesOf(Map.of(EdgeType.ATTENTION_QUERY_WEIGHT, 16,
                EdgeType.ATTENTION_KEY_WEIGHT, 16, EdgeType.ATTENTION_VALUE_WEIGHT, 16, EdgeType.ATTENTION_QUERY_BIAS, 4,
                EdgeType.ATTENTION_KEY_BIAS, 4, EdgeType.ATTENTION_VALUE_BIAS, 4, EdgeType.LINEAR_WEIGHT, 16, EdgeType.LINEAR_BIAS, 4));
        // input 0..3, attention neurons 4..7 (layer 1), attention biases 8..10, outputs 11..14 (layer 2), out bias 15
        assertThat(g.nodeLayer()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2);
        assertThat(g.nodePosition()).containsExactly(0, 1, 2, 3, -1, -1, -1, -1, -1, -1, -1, 0, 1, 2, 3, -1);
        for (int e = 0; e < g.numEdges(); e++) {
            EdgeType t = EdgeType.fromCode(g.edgeType()[e]);
            if (t.wireName().startsWith("attention_")) {
                assertThat(g.edgeTarget()[e]).isBetween(4, 7);
                assertThat(g.edgeLayer()[e]).isEqualTo((short) 1);
            } else {
                assertThat(g.edgeTarget()[e]).isBetween(11, 14);
                assertThat(g.edgeLayer()[e]).isEqualTo((short) 2);
            }
        }
    }

    @Test
    void packedAndSplitAttentionShouldGiveTheSameGraphForTheSameWeights() {
        NetworkSpec packed = NetworkSpec.of(InputSpec.sequence(3, 4), attention("attn", 4, 2));
        NetworkSpec split = NetworkSpec.of(InputSpec.sequence(3, 4), attention("attn", 4, 2).split());
        MapTensorSource packedTensors = RandomTensors.forSpec(packed, 5);
        float[] w = packedTensors.get("attn.in_proj_weight").values();
        float[] b = packedTensors.get("attn.in_proj_bias").values();
        List<Tensor> splitTensors = new ArrayList<>();
        String[] names = {"q", "k", "v"};
        for (int p = 0; p < 3; p++) {
            splitTensors.add(Tensor.f32("attn." + names[p] + "_proj_weight", new long[] {4, 4}, java.util.Arrays.copyOfRange(w, p * 16, p * 16 + 16)));
            splitTensors.add(Tensor.f32("attn." + names[p] + "_proj_bias", new long[] {4}, java.util.Arrays.copyOfRange(b, p * 4, p * 4 + 4)));
        }
        splitTensors.add(packedTensors.get("attn.out_proj.weight"));
        splitTensors.add(packedTensors.get("attn.out_proj.bias"));

        ParamGraph a = builder.build(packed, packedTensors);
        ParamGraph c = builder.build(split, MapTensorSource.of(splitTensors));

        assertThat(Isomorphism.edgeMultiset(a, Isomorphism.identity(a.numNodes())))
                .isEqualTo(Isomorphism.edgeMultiset(c, Isomorphism.identity(c.numNodes())));
    }

    @Test
    void attentionWithOnlyTheInProjectionTransposedShouldLayOutEachProjectionInItsOwnOrder() {
        // PyTorch's ONNX layout: in_proj_weight [d, 3d], out_proj.weight [out, in]
        NetworkSpec spec = NetworkSpec.of(InputSpec.sequence(3, 2), attention("attn", 2, 1).withBias(false).withTransposedWeight(true));
        Map<String, Tensor> tensors = tensorMap(spec, 12);
        ParamGraph g = builder.build(spec, new MapTensorSource(tensors));

        // input 0..1, attention neurons 2..3 (layer 1), outputs 4..5 (layer 2); in_proj rows are inputs
        assertThat(edges(g, 0, 12)).containsExactly("0>2 attention_query_weight L1 (-1,-1,-1)", "0>3 attention_query_weight L1 (-1,-1,-1)",
                "0>2 attention_key_weight L1 (-1,-1,-1)", "0>3 attention_key_weight L1 (-1,-1,-1)",
                "0>2 attention_value_weight L1 (-1,-1,-1)", "0>3 attention_value_weight L1 (-1,-1,-1)",
                "1>2 attention_query_weight L1 (-1,-1,-1)", "1>3 attention_query_weight L1 (-1,-1,-1)",
                "1>2 attention_key_weight L1 (-1,-1,-1)", "1>3 attention_key_weight L1 (-1,-1,-1)",
                "1>2 attention_value_weight L1 (-1,-1,-1)", "1>3 attention_value_weight L1 (-1,-1,-1)");
        // out_proj rows are outputs
        assertThat(edges(g, 12, 16)).containsExactly("2>4 linear_weight L2 (-1,-1,-1)", "3>4 linear_weight L2 (-1,-1,-1)",
                "2>5 linear_weight L2 (-1,-1,-1)", "3>5 linear_weight L2 (-1,-1,-1)");
        assertThat(g.numEdges()).isEqualTo(16);
        assertEdgeValuesAreTheStoredElements(g, tensors);
        CorpusTest.assertBitIdentical(GraphTensors.toTensors(g), tensors);
        assertThat(sameGraphWithPlainLayout(spec, tensors)).isEqualTo(Isomorphism.edgeMultiset(g, Isomorphism.identity(g.numNodes())));
    }

    @Test
    void attentionWithOnlyTheOutProjectionTransposedShouldLayOutEachProjectionInItsOwnOrder() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.sequence(3, 2), attention("attn", 2, 1).withBias(false).withTransposedOutProjection(true));
        Map<String, Tensor> tensors = tensorMap(spec, 13);
        ParamGraph g = builder.build(spec, new MapTensorSource(tensors));

        // in_proj rows are (projection, attention neuron)
        assertThat(edges(g, 0, 12)).containsExactly("0>2 attention_query_weight L1 (-1,-1,-1)", "1>2 attention_query_weight L1 (-1,-1,-1)",
                "0>3 attention_query_weight L1 (-1,-1,-1)", "1>3 attention_query_weight L1 (-1,-1,-1)",
                "0>2 attention_key_weight L1 (-1,-1,-1)", "1>2 attention_key_weight L1 (-1,-1,-1)",
                "0>3 attention_key_weight L1 (-1,-1,-1)", "1>3 attention_key_weight L1 (-1,-1,-1)",
                "0>2 attention_value_weight L1 (-1,-1,-1)", "1>2 attention_value_weight L1 (-1,-1,-1)",
                "0>3 attention_value_weight L1 (-1,-1,-1)", "1>3 attention_value_weight L1 (-1,-1,-1)");
        // out_proj rows are attention neurons
        assertThat(edges(g, 12, 16)).containsExactly("2>4 linear_weight L2 (-1,-1,-1)", "2>5 linear_weight L2 (-1,-1,-1)",
                "3>4 linear_weight L2 (-1,-1,-1)", "3>5 linear_weight L2 (-1,-1,-1)");
        assertThat(g.numEdges()).isEqualTo(16);
        assertEdgeValuesAreTheStoredElements(g, tensors);
        CorpusTest.assertBitIdentical(GraphTensors.toTensors(g), tensors);
        assertThat(sameGraphWithPlainLayout(spec, tensors)).isEqualTo(Isomorphism.edgeMultiset(g, Isomorphism.identity(g.numNodes())));
    }

    private static Map<String, Tensor> tensorMap(NetworkSpec spec, long seed) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        RandomTensors.list(spec, seed).forEach(t -> out.put(t.name(), t));
        return out;
    }

    /** Edges of a bias-less attention layer come in storage order: in_proj_weight, then out_proj.weight. */
    private static void assertEdgeValuesAreTheStoredElements(ParamGraph g, Map<String, Tensor> tensors) {
        float[] in = tensors.get("attn.in_proj_weight").values();
        float[] out = tensors.get("attn.out_proj.weight").values();
        float[] expected = java.util.Arrays.copyOf(in, in.length + out.length);
        System.arraycopy(out, 0, expected, in.length, out.length);
        assertThat(g.edgeValue()).containsExactly(expected);
    }

    /** The edge multiset of the same layer with both projections stored untransposed ([out, in]). */
    private List<String> sameGraphWithPlainLayout(NetworkSpec spec, Map<String, Tensor> tensors) {
        LayerSpec.Attention a = (LayerSpec.Attention) spec.layers().get(0);
        int d = a.embedDim();
        Tensor in = tensors.get("attn.in_proj_weight");
        Tensor out = tensors.get("attn.out_proj.weight");
        NetworkSpec plain = NetworkSpec.of(spec.input(), a.withTransposedWeight(false).withTransposedOutProjection(false));
        MapTensorSource plainTensors = MapTensorSource.of(
                a.transposedWeight() ? transposed(in, d, 3 * d) : in,
                a.transposedOutProjection() ? transposed(out, d, d) : out);
        ParamGraph g = builder.build(plain, plainTensors);
        return Isomorphism.edgeMultiset(g, Isomorphism.identity(g.numNodes()));
    }

    private static Tensor transposed(Tensor t, int rows, int cols) {
        float[] v = t.values();
        float[] w = new float[v.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                w[c * rows + r] = v[r * cols + c];
            }
        }
        return Tensor.f32(t.name(), new long[] {cols, rows}, w);
    }

    @Test
    void transposedLinearShouldGiveTheSameGraphAsItsTranspose() {
        NetworkSpec plain = NetworkSpec.of(InputSpec.features(3), linear("fc", 3, 2));
        NetworkSpec transposed = NetworkSpec.of(InputSpec.features(3), linear("fc", 3, 2).withTransposedWeight(true));
        MapTensorSource t = RandomTensors.forSpec(plain, 9);
        float[] w = t.get("fc.weight").values();
        float[] wt = new float[6];
        for (int o = 0; o < 2; o++) {
            for (int i = 0; i < 3; i++) {
                wt[i * 2 + o] = w[o * 3 + i];
            }
        }
        ParamGraph a = builder.build(plain, t);
        ParamGraph b = builder.build(transposed, MapTensorSource.of(Tensor.f32("fc.weight", new long[] {3, 2}, wt), t.get("fc.bias")));

        assertThat(Isomorphism.edgeMultiset(a, Isomorphism.identity(a.numNodes())))
                .isEqualTo(Isomorphism.edgeMultiset(b, Isomorphism.identity(b.numNodes())));
    }

    @Test
    void embeddingShouldCreateOneNodePerTokenIdAtLayerZero() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.tokens(7), embedding("emb", 5, 3), globalAvgPool("pool"), linear("head", 3, 2));
        ParamGraph g = build(spec);

        assertThat(nodeTypes(g).subList(0, 5)).containsOnly(NodeType.EMBEDDING);
        assertThat(g.nodePosition()).startsWith(0, 1, 2, 3, 4, -1, -1, -1);
        assertThat(g.nodeLayer()).startsWith((short) 0, (short) 0, (short) 0, (short) 0, (short) 0, (short) 1, (short) 1, (short) 1);
        assertThat(g.edgeTypeCounts()).containsEntry(EdgeType.EMBEDDING_WEIGHT, 15);
        assertThat(edges(g, 3, 4)).containsExactly("1>5 embedding_weight L1 (-1,-1,-1)");
    }

    @Test
    void aTensorWithExtraUnitDimensionsShouldBeAcceptedAndKeepItsShape() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.channelsFirst(2, 3, 3), batchNorm("bn", 2));
        MapTensorSource t = MapTensorSource.of(Tensor.f32("bn.weight", new long[] {2, 1, 1}, new float[] {1, 2}),
                Tensor.f32("bn.bias", new long[] {1, 2}, new float[] {3, 4}));
        ParamGraph g = builder.build(spec, t);

        assertThat(GraphTensors.toTensors(g).get("bn.weight").shape()).containsExactly(2, 1, 1);
        assertThat(GraphTensors.toTensors(g).get("bn.bias").shape()).containsExactly(1, 2);
    }

    @Test
    void paramsShouldMapRolesToOtherTensorNames() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.features(2), linear("fc", 2, 1).withParams(Map.of("weight", "features.0.weight")));
        MapTensorSource t = MapTensorSource.of(Tensor.f32("features.0.weight", new long[] {1, 2}, new float[] {5, 6}),
                Tensor.f32("fc.bias", new long[] {1}, new float[] {7}));
        ParamGraph g = builder.build(spec, t);

        assertThat(g.layer("fc").tensor("weight").tensorName()).isEqualTo("features.0.weight");
        assertThat(g.edgeValue()).containsExactly(5, 6, 7);
    }
}
