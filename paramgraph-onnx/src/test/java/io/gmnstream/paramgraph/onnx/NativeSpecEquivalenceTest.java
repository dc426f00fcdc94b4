package io.gmnstream.paramgraph.onnx;

import static io.gmnstream.paramgraph.spec.Layers.add;
import static io.gmnstream.paramgraph.spec.Layers.attention;
import static io.gmnstream.paramgraph.spec.Layers.batchNorm;
import static io.gmnstream.paramgraph.spec.Layers.conv1d;
import static io.gmnstream.paramgraph.spec.Layers.conv2d;
import static io.gmnstream.paramgraph.spec.Layers.embedding;
import static io.gmnstream.paramgraph.spec.Layers.globalAvgPool;
import static io.gmnstream.paramgraph.spec.Layers.layerNorm;
import static io.gmnstream.paramgraph.spec.Layers.linear;
import static io.gmnstream.paramgraph.spec.Layers.relu;
import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.paramgraph.GraphBuilder;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.InputSpec;
import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.tensor.MapTensorSource;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The six sizes-table networks and the token models written as native specs give the same graphs as
 * their ONNX exports.
 */
class NativeSpecEquivalenceTest {
    private final GraphBuilder builder = GraphBuilder.withDefaults();

    static Stream<Arguments> tableRows() {
        NetworkSpec row1 = NetworkSpec.of(InputSpec.features(2), linear("fc1", 2, 3).withBias(false), relu("act"),
                layerNorm("ln", 3), linear("fc2", 3, 1));
        NetworkSpec row2 = NetworkSpec.of(InputSpec.channelsFirst(1, 8), conv1d("conv", 1, 3, 2).withBias(false), relu("act"),
                batchNorm("bn", 3), globalAvgPool("pool"), linear("fc", 3, 2));
        NetworkSpec row3 = NetworkSpec.of(InputSpec.features(64), linear("fc1", 64, 32), relu("act"), linear("fc2", 32, 10));
        NetworkSpec row4 = NetworkSpec.of(InputSpec.channelsFirst(1, 8, 8), conv2d("c1", 1, 8, 3), relu("a1"),
                conv2d("c2", 8, 16, 3), globalAvgPool("pool"), linear("fc", 16, 10));
        NetworkSpec row5 = NetworkSpec.of(InputSpec.channelsFirst(1, 8, 8), conv2d("c1", 1, 8, 3), relu("a1"), batchNorm("bn", 8),
                conv2d("c2", 8, 16, 3), globalAvgPool("pool"), linear("fc", 16, 10));
        NetworkSpec row6 = NetworkSpec.of(InputSpec.channelsFirst(1, 28, 28), conv2d("c1", 1, 16, 3).withStride(2, 2), relu("a1"),
                conv2d("c2", 16, 16, 3).withStride(2, 2), relu("a2"), conv2d("c3", 16, 16, 3).withStride(2, 2), relu("a3"),
                globalAvgPool("pool"), linear("fc", 16, 10));
        return Stream.of(
                Arguments.of("row1_linear_layernorm_op17.onnx", row1),
                Arguments.of("row1_linear_layernorm_op13.onnx", row1),
                Arguments.of("row2_conv1d_batchnorm_op14.onnx", row2),
                Arguments.of("row3_digits_mlp_op13.onnx", row3),
                Arguments.of("row4_digits_cnn_op15.onnx", row4),
                Arguments.of("row5_digits_cnn_batchnorm_op16.onnx", row5),
                Arguments.of("row6_cnn_zoo_op17.onnx", row6));
    }

    static Stream<Arguments> tokenModels() {
        NetworkSpec classifier = NetworkSpec.of(InputSpec.tokens(6), embedding("emb", 20, 8), globalAvgPool("pool"),
                linear("head", 8, 3));
        NetworkSpec transformer = NetworkSpec.of(InputSpec.tokens(6), embedding("emb", 16, 8), layerNorm("ln", 8),
                attention("attn", 8, 2), add("res", "ln", "attn"), globalAvgPool("pool"), linear("head", 8, 4));
        return Stream.of(
                Arguments.of("token_embedding_classifier_op13.onnx", classifier),
                Arguments.of("token_embedding_classifier_op17.onnx", classifier),
                Arguments.of("token_transformer_attention_op13.onnx", transformer),
                Arguments.of("token_transformer_attention_op17.onnx", transformer));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tableRows")
    void nativeSpecAndOnnxExportGiveTheSameGraphShape(String file, NetworkSpec nativeSpec) {
        assertThat(Fixtures.named(file).sizesTableRow()).isPositive();
        assertSameGraphShape(file, nativeSpec);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenModels")
    void nativeTokenSpecAndOnnxExportGiveTheSameGraphShape(String file, NetworkSpec nativeSpec) {
        assertSameGraphShape(file, nativeSpec);
    }

    private void assertSameGraphShape(String file, NetworkSpec nativeSpec) {
        Fixtures.Fixture f = Fixtures.named(file);
        ImportedModel onnx = OnnxImporter.withDefaults().importModel(f.bytes());
        ParamGraph fromOnnx = builder.build(onnx.spec(), onnx.tensors());
        ParamGraph fromNative = builder.build(nativeSpec, zeroTensors(nativeSpec));

        assertThat(fromNative.numNodes()).isEqualTo(f.nodes()).isEqualTo(fromOnnx.numNodes());
        assertThat((long) fromNative.numEdges()).isEqualTo(f.edges()).isEqualTo(fromOnnx.numEdges());
        assertThat(fromNative.nodeTypeCounts()).isEqualTo(fromOnnx.nodeTypeCounts());
        assertThat(fromNative.edgeTypeCounts()).isEqualTo(fromOnnx.edgeTypeCounts());
        assertThat(fromNative.nodeLayer()).containsExactly(fromOnnx.nodeLayer());
        assertThat(fromNative.nodePosition()).containsExactly(fromOnnx.nodePosition());
        // a MatMul export stores the weight [in, out], so the edges come in another order: compare as sets
        assertThat(sortedEdges(fromNative)).containsExactly(sortedEdges(fromOnnx));
    }

    private static long[] sortedEdges(ParamGraph g) {
        long[] out = new long[g.numEdges()];
        for (int e = 0; e < out.length; e++) {
            out[e] = ((long) g.edgeSource()[e] << 32) | g.edgeTarget()[e];
        }
        java.util.Arrays.sort(out);
        return out;
    }

    /** Zero tensors in the spec's default names and shapes (the layer types used above only). */
    private static MapTensorSource zeroTensors(NetworkSpec spec) {
        List<Tensor> out = new ArrayList<>();
        for (LayerSpec layer : spec.layers()) {
            if (layer instanceof LayerSpec.Linear l) {
                out.add(zeros(l.tensorName("weight"), l.outFeatures(), l.inFeatures()));
                if (l.bias()) {
                    out.add(zeros(l.tensorName("bias"), l.outFeatures()));
                }
            } else if (layer instanceof LayerSpec.Conv c) {
                long[] shape = new long[2 + c.kernel().size()];
                shape[0] = c.outChannels();
                shape[1] = c.inChannels() / c.groups();
                for (int i = 0; i < c.kernel().size(); i++) {
                    shape[2 + i] = c.kernel().get(i);
                }
                out.add(zeros(c.tensorName("weight"), shape));
                if (c.bias()) {
                    out.add(zeros(c.tensorName("bias"), c.outChannels()));
                }
            } else if (layer instanceof LayerSpec.BatchNorm b) {
                out.add(zeros(b.tensorName("weight"), b.numFeatures()));
                out.add(zeros(b.tensorName("bias"), b.numFeatures()));
            } else if (layer instanceof LayerSpec.LayerNorm n) {
                out.add(zeros(n.tensorName("weight"), n.normalizedShape().get(0)));
                out.add(zeros(n.tensorName("bias"), n.normalizedShape().get(0)));
            } else if (layer instanceof LayerSpec.Embedding e) {
                out.add(zeros(e.tensorName("weight"), e.numEmbeddings(), e.embeddingDim()));
            } else if (layer instanceof LayerSpec.Attention a) {
                int d = a.embedDim();
                out.add(zeros(a.tensorName(LayerSpec.Attention.IN_PROJ_WEIGHT), 3L * d, d));
                out.add(zeros(a.tensorName(LayerSpec.Attention.IN_PROJ_BIAS), 3L * d));
                out.add(zeros(a.tensorName(LayerSpec.Attention.OUT_WEIGHT), d, d));
                out.add(zeros(a.tensorName(LayerSpec.Attention.OUT_BIAS), d));
            }
        }
        return MapTensorSource.of(out);
    }

    private static Tensor zeros(String name, long... shape) {
        return Tensor.f32(name, shape, new float[(int) Tensor.elementCount(shape)]);
    }
}
