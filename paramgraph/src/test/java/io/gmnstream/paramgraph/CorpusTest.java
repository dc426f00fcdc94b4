package io.gmnstream.paramgraph;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.spec.NetworkSpecJson;
import io.gmnstream.paramgraph.tensor.DType;
import io.gmnstream.paramgraph.tensor.MapTensorSource;
import io.gmnstream.paramgraph.tensor.SafetensorsFile;
import io.gmnstream.paramgraph.tensor.SafetensorsReader;
import io.gmnstream.paramgraph.tensor.SafetensorsWriter;
import io.gmnstream.paramgraph.tensor.Tensor;
import io.gmnstream.paramgraph.testing.Networks;
import io.gmnstream.paramgraph.testing.RandomTensors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Invariants that must hold on every network of the corpus. */
class CorpusTest {
    private final GraphBuilder builder = GraphBuilder.withDefaults();

    static Stream<Arguments> corpus() {
        return Networks.corpus().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void edgesShouldEqualParametersPlusResidualEdges(String name, NetworkSpec spec) {
        List<Tensor> tensors = RandomTensors.list(spec, 1);
        ParamGraph g = builder.build(spec, MapTensorSource.of(tensors));

        long parameters = tensors.stream().mapToLong(Tensor::size).sum();
        assertThat(g.numParameters()).isEqualTo(parameters);
        assertThat((long) g.numEdges()).isEqualTo(parameters + g.numResidualEdges());
        assertThat(g.edgeTypeCounts().getOrDefault(EdgeType.RESIDUAL, 0)).isEqualTo(g.numResidualEdges());
        // layers tile the edge arrays, in order
        int next = 0;
        for (GraphLayer layer : g.layers()) {
            assertThat(layer.edgeOffset()).isEqualTo(next);
            next += layer.edgeCount();
        }
        assertThat(next).isEqualTo(g.numEdges());
        for (int e = 0; e < g.numEdges(); e++) {
            assertThat(g.edgeSource()[e]).isBetween(0, g.numNodes() - 1).isNotEqualTo(g.edgeTarget()[e]);
            assertThat(g.edgeTarget()[e]).isBetween(0, g.numNodes() - 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void roundTripShouldRebuildEveryTensorBitIdentical(String name, NetworkSpec spec) {
        Map<String, Tensor> original = withSpecialValues(RandomTensors.list(spec, 2), new Random(3));
        ParamGraph g = builder.build(spec, new MapTensorSource(original));

        Map<String, Tensor> rebuilt = GraphTensors.toTensors(g);

        assertBitIdentical(rebuilt, original);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void roundTripShouldNotDependOnTheEdgeOrder(String name, NetworkSpec spec) {
        Map<String, Tensor> original = withSpecialValues(RandomTensors.list(spec, 6), new Random(7));
        ParamGraph g = builder.build(spec, new MapTensorSource(original));

        Map<String, Tensor> rebuilt = GraphTensors.toTensors(shuffleEdgesWithinLayers(g, new Random(8)));

        assertBitIdentical(rebuilt, original);
    }

    /** The same graph with the edges of each layer in random order: only node ids, types and positions locate a value. */
    static ParamGraph shuffleEdgesWithinLayers(ParamGraph g, Random random) {
        int n = g.numEdges();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (GraphLayer layer : g.layers()) {
            for (int i = layer.edgeCount() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int a = layer.edgeOffset() + i;
                int b = layer.edgeOffset() + j;
                int tmp = order[a];
                order[a] = order[b];
                order[b] = tmp;
            }
        }
        int[] src = new int[n];
        int[] dst = new int[n];
        float[] val = new float[n];
        short[] lay = new short[n];
        byte[] typ = new byte[n];
        short[] pos = new short[3 * n];
        for (int i = 0; i < n; i++) {
            int o = order[i];
            src[i] = g.edgeSource()[o];
            dst[i] = g.edgeTarget()[o];
            val[i] = g.edgeValue()[o];
            lay[i] = g.edgeLayer()[o];
            typ[i] = g.edgeType()[o];
            System.arraycopy(g.edgePosition(), 3 * o, pos, 3 * i, 3);
        }
        return new ParamGraph(g.nodeType(), g.nodeLayer(), g.nodePosition(), src, dst, val, lay, typ, pos, g.numParameters(),
                g.numResidualEdges(), g.layers());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void roundTripShouldSurviveSafetensorsFiles(String name, NetworkSpec spec) {
        Map<String, Tensor> original = withSpecialValues(RandomTensors.list(spec, 4), new Random(5));
        SafetensorsReader reader = new SafetensorsReader();
        SafetensorsFile file = reader.read(SafetensorsWriter.write(original.values()));
        ParamGraph g = builder.build(NetworkSpecJson.parse(NetworkSpecJson.toJson(spec)), file);

        Map<String, Tensor> rebuilt = GraphTensors.toTensors(g);
        SafetensorsFile again = reader.read(SafetensorsWriter.write(rebuilt.values()));

        Map<String, Tensor> reread = new LinkedHashMap<>();
        for (String n : again.names()) {
            reread.put(n, again.get(n));
        }
        assertBitIdentical(reread, original);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void specShouldSurviveJson(String name, NetworkSpec spec) {
        assertThat(NetworkSpecJson.parse(NetworkSpecJson.toJson(spec))).isEqualTo(spec);
    }

    static void assertBitIdentical(Map<String, Tensor> actual, Map<String, Tensor> expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Tensor e : expected.values()) {
            Tensor a = actual.get(e.name());
            assertThat(a.shape()).as(e.name()).containsExactly(e.shape());
            assertThat(a.sourceType()).isEqualTo(DType.F32);
            int[] aBits = new int[a.size()];
            int[] eBits = new int[e.size()];
            for (int i = 0; i < aBits.length; i++) {
                aBits[i] = Float.floatToRawIntBits(a.values()[i]);
                eBits[i] = Float.floatToRawIntBits(e.values()[i]);
            }
            assertThat(aBits).as("bits of %s", e.name()).containsExactly(eBits);
        }
    }

    /** Plants NaNs with payloads, -0.0, infinities and subnormals in every tensor. */
    static Map<String, Tensor> withSpecialValues(List<Tensor> tensors, Random random) {
        float[] specials = {Float.intBitsToFloat(0x7fc01234), Float.intBitsToFloat(0xffa00001), -0.0f, Float.MIN_VALUE,
                -Float.MIN_VALUE * 7, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_NORMAL / 3};
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Tensor t : new ArrayList<>(tensors)) {
            float[] v = t.values().clone();
            for (float s : specials) {
                v[random.nextInt(v.length)] = s;
            }
            out.put(t.name(), new Tensor(t.name(), DType.F32, t.shape(), v));
        }
        return out;
    }
}
