package io.gmnstream.paramgraph.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import io.gmnstream.paramgraph.GraphBuilder;
import io.gmnstream.paramgraph.GraphTensors;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every good fixture: import, build, the edge identity, the hand-computed sizes, a bit-exact round trip. */
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
            String initName = model.transposedTensors().getOrDefault(t.name(), t.name());
            TensorProto init = initializers.get(initName);
            assertThat(init).as("tensor %s comes from an initializer", t.name()).isNotNull();
            float[] expected = rawFloats(init);
            long[] dims = init.getDimsList().stream().mapToLong(Long::longValue).toArray();
            if (model.transposedTensors().containsKey(t.name())) {
                expected = transpose(expected, (int) dims[0], (int) dims[1]);
                dims = new long[] {dims[1], dims[0]};
            }
            assertThat(t.shape()).as("shape of %s", t.name()).containsExactly(dims);
            assertThat(bits(t.values())).as("bits of %s", t.name()).containsExactly(bits(expected));
            elements += t.size();
        }
        assertThat(elements).as("every parameter is rebuilt").isEqualTo(f.parameters());
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

    static float[] transpose(float[] v, int rows, int cols) {
        float[] out = new float[v.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = v[r * cols + c];
            }
        }
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
