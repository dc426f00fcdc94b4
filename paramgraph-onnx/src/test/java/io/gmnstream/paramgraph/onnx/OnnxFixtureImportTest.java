package io.gmnstream.paramgraph.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.gmnstream.paramgraph.GraphBuilder;
import io.gmnstream.paramgraph.GraphTensors;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every good fixture: import, build, the edge identity, the hand-computed sizes, a bit-exact round
 * trip; and each attention projection keeps its stored layout.
 */
class OnnxFixtureImportTest {
    private final OnnxImporter importer = OnnxImporter.withDefaults();
    private final GraphBuilder builder = GraphBuilder.withDefaults();

    static Stream<Fixtures.Fixture> goodFixtures() {
        return Fixtures.good().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodFixtures")
    void edgesEqualParametersPlusResidualEdges(Fixtures.Fixture f) {
        ImportedModel model = importer.importModel(f.bytes());
        ParamGraph graph = builder.build(model.spec(), model.tensors());

        assertThat(model.opset()).isEqualTo(f.opset());
        assertThat(model.producer()).startsWith("pytorch");
        assertThat(graph.numParameters()).as("parameters").isEqualTo(f.parameters());
        assertThat(graph.numResidualEdges()).as("residual edges").isEqualTo(f.residualEdges());
        assertThat((long) graph.numEdges()).isEqualTo(f.parameters() + f.residualEdges());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodFixtures")
    void nodeAndEdgeCountsMatchTheHandComputedSizes(Fixtures.Fixture f) {
        ImportedModel model = importer.importModel(f.bytes());
        ParamGraph graph = builder.build(model.spec(), model.tensors());

        assertThat(f.nodes()).as("every good fixture states its node count").isPositive();
        assertThat(graph.numNodes()).as("nodes").isEqualTo(f.nodes());
        assertThat((long) graph.numEdges()).as("edges").isEqualTo(f.edges());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodFixtures")
    void roundTripReproducesTheInitializersBitForBit(Fixtures.Fixture f) throws InvalidProtocolBufferException {
        ImportedModel model = importer.importModel(f.bytes());
        ParamGraph graph = builder.build(model.spec(), model.tensors());
        Map<String, Tensor> rebuilt = GraphTensors.toTensors(graph);
        Map<String, TensorProto> initializers = initializers(f.bytes());

        long elements = 0;
        for (Tensor t : rebuilt.values()) {
            // no copies: every graph tensor is an initializer under its ONNX name and in its stored layout
            TensorProto init = initializers.get(t.name());
            assertThat(init).as("tensor %s comes from an initializer", t.name()).isNotNull();
            long[] dims = init.getDimsList().stream().mapToLong(Long::longValue).toArray();
            assertThat(t.shape()).as("shape of %s", t.name()).containsExactly(dims);
            assertThat(bits(t.values())).as("bits of %s", t.name()).containsExactly(bits(rawFloats(init)));
            elements += t.size();
        }
        assertThat(elements).as("every parameter is rebuilt").isEqualTo(f.parameters());
    }

    @Test
    void attentionShouldRecordTheStoredLayoutOfEachProjectionInsteadOfCopying() throws InvalidProtocolBufferException {
        // the PyTorch export turned around: the in-projection stored [3d, d] and read through a Transpose
        // node, the output projection stored [in, out] and read by Gemm transB=0
        byte[] original = Fixtures.named("patch_transformer_attention_op14.onnx").bytes();
        ModelProto.Builder edited = ModelProto.parseFrom(original).toBuilder();
        GraphProto.Builder graph = edited.getGraphBuilder();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto.Builder node = graph.getNodeBuilder(i);
            if (node.getName().equals("/attn/attn/MatMul")) {
                node.setInput(1, "in_proj_transposed");
            } else if (node.getName().equals("/attn/attn/Gemm")) {
                for (int a = 0; a < node.getAttributeCount(); a++) {
                    if (node.getAttribute(a).getName().equals("transB")) {
                        node.getAttributeBuilder(a).setI(0);
                    }
                }
            }
        }
        graph.addNode(0, NodeProto.newBuilder().setName("in_proj_T").setOpType("Transpose").addInput("onnx::MatMul_163")
                .addOutput("in_proj_transposed"));
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            String name = graph.getInitializer(i).getName();
            if (name.equals("onnx::MatMul_163") || name.equals("attn.attn.out_proj.weight")) {
                graph.setInitializer(i, transposed(graph.getInitializer(i)));
            }
        }
        byte[] bytes = edited.build().toByteArray();

        ImportedModel model = importer.importModel(bytes);
        LayerSpec.Attention attention = (LayerSpec.Attention) model.spec().layers().get(1);
        assertThat(attention.transposedWeight()).as("in-projection stored [out, in]").isFalse();
        assertThat(attention.transposedOutProjection()).as("output projection stored [in, out]").isTrue();
        ParamGraph graphOfEdited = builder.build(model.spec(), model.tensors());
        ImportedModel pytorch = importer.importModel(original);
        assertThat(edgeMultiset(graphOfEdited)).isEqualTo(edgeMultiset(builder.build(pytorch.spec(), pytorch.tensors())));
        Map<String, TensorProto> initializers = initializers(bytes);
        for (Tensor t : GraphTensors.toTensors(graphOfEdited).values()) {
            TensorProto init = initializers.get(t.name());
            assertThat(t.shape()).as("shape of %s", t.name()).containsExactly(init.getDimsList().stream().mapToLong(Long::longValue).toArray());
            assertThat(bits(t.values())).as("bits of %s", t.name()).containsExactly(bits(rawFloats(init)));
        }
    }

    /** A 2-D float initializer stored transposed, under the same name. */
    private static TensorProto transposed(TensorProto t) {
        int rows = (int) t.getDims(0);
        int cols = (int) t.getDims(1);
        float[] v = rawFloats(t);
        ByteBuffer out = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                out.putFloat(v[r * cols + c]);
            }
        }
        return t.toBuilder().clearDims().addDims(cols).addDims(rows).setRawData(ByteString.copyFrom(out.array())).build();
    }

    /** Sorted edges with every feature: equal for two graphs that differ only in the order of their edges. */
    private static List<String> edgeMultiset(ParamGraph g) {
        List<String> out = new ArrayList<>();
        for (int e = 0; e < g.numEdges(); e++) {
            out.add(g.edgeSource()[e] + ">" + g.edgeTarget()[e] + ":" + Float.floatToRawIntBits(g.edgeValue()[e]) + ":"
                    + g.edgeLayer()[e] + ":" + g.edgeType()[e] + ":" + g.edgePosition()[3 * e] + "," + g.edgePosition()[3 * e + 1]
                    + "," + g.edgePosition()[3 * e + 2]);
        }
        Collections.sort(out);
        return out;
    }

    static Map<String, TensorProto> initializers(byte[] bytes) throws InvalidProtocolBufferException {
        Map<String, TensorProto> out = new HashMap<>();
        ModelProto model = ModelProto.parseFrom(bytes);
        for (TensorProto t : model.getGraph().getInitializerList()) {
            out.put(t.getName(), t);
        }
        // Identity aliases of initializers (PyTorch deduplicates equal tensors) keep their own names
        model.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Identity") && out.containsKey(n.getInput(0)))
                .forEach(n -> out.put(n.getOutput(0), out.get(n.getInput(0))));
        return out;
    }

    /** Independent of the importer's decoder: PyTorch writes float32 raw_data, little-endian. */
    static float[] rawFloats(TensorProto t) {
        assertThat(t.getDataType()).isEqualTo(TensorProto.DataType.FLOAT_VALUE);
        ByteBuffer buf = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[buf.remaining() / 4];
        buf.asFloatBuffer().get(out);
        return out;
    }

    static int[] bits(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.floatToRawIntBits(v[i]);
        }
        return out;
    }
}
