package io.gmnstream.paramgraph.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmnstream.paramgraph.GraphErrorReason;
import io.gmnstream.paramgraph.InvalidSpecException;
import io.gmnstream.paramgraph.MalformedInputException;
import io.gmnstream.paramgraph.UnsupportedOperatorException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkSpecJsonTest {
    private static final String DOC_EXAMPLE = """
            {
              "format": "gmn-layers/1",
              "input": {"shape": [1, 8, 8], "layout": "channels_first"},
              "layers": [
                {"name": "conv1", "op": "conv", "inChannels": 1, "outChannels": 8, "kernel": [3, 3]},
                {"name": "act1", "op": "activation", "fn": "relu"},
                {"name": "pool", "op": "global_avg_pool"},
                {"name": "fc", "op": "linear", "inFeatures": 8, "outFeatures": 10}
              ]
            }""";

    private static String withLayers(String layers) {
        return "{\"format\":\"gmn-layers/1\",\"input\":{\"shape\":[4],\"layout\":\"features\"},\"layers\":[" + layers + "]}";
    }

    @Test
    void shouldParseTheDocumentedExampleWithDefaults() {
        NetworkSpec spec = NetworkSpecJson.parse(new ByteArrayInputStream(DOC_EXAMPLE.getBytes(StandardCharsets.UTF_8)));

        assertThat(spec.input()).isEqualTo(InputSpec.channelsFirst(1, 8, 8));
        assertThat(spec.layers()).extracting(LayerSpec::op).containsExactly("conv", "activation", "global_avg_pool", "linear");
        LayerSpec.Conv conv = (LayerSpec.Conv) spec.layers().get(0);
        assertThat(conv.stride()).containsExactly(1, 1);
        assertThat(conv.padding()).containsExactly(0, 0);
        assertThat(conv.dilation()).containsExactly(1, 1);
        assertThat(conv.groups()).isEqualTo(1);
        assertThat(conv.bias()).isTrue();
        assertThat(conv.tensorName("weight")).isEqualTo("conv1.weight");
        LayerSpec.Linear fc = (LayerSpec.Linear) spec.layers().get(3);
        assertThat(fc.bias()).isTrue();
        assertThat(fc.transposedWeight()).isFalse();
        assertThat(spec.inputsOf(0)).containsExactly("input");
        assertThat(spec.inputsOf(3)).containsExactly("pool");
        assertThat(NetworkSpecJson.parse(NetworkSpecJson.toJson(spec))).isEqualTo(spec);
    }

    @Test
    void shouldApplyDocumentedDefaultsOfEveryOp() {
        NetworkSpec spec = NetworkSpecJson.parse(withLayers(
                "{\"name\":\"in\",\"op\":\"instance_norm\",\"numFeatures\":4},"
                        + "{\"name\":\"attn\",\"op\":\"attention\",\"embedDim\":4,\"numHeads\":2},"
                        + "{\"name\":\"mp\",\"op\":\"max_pool\",\"kernel\":[2]},"
                        + "{\"name\":\"bn\",\"op\":\"batch_norm\",\"numFeatures\":4,\"params\":{\"weight\":\"x.w\"}}"));

        assertThat(((LayerSpec.InstanceNorm) spec.layers().get(0)).affine()).isFalse();
        LayerSpec.Attention a = (LayerSpec.Attention) spec.layers().get(1);
        assertThat(a.bias()).isTrue();
        assertThat(a.packedProjection()).isTrue();
        assertThat(a.transposedWeight()).isFalse();
        assertThat(a.transposedOutProjection()).isFalse();
        assertThat(a.tensorName("out_proj.weight")).isEqualTo("attn.out_proj.weight");
        assertThat(((LayerSpec.Pool) spec.layers().get(2)).stride()).containsExactly(2);
        assertThat(spec.layers().get(3).tensorName("weight")).isEqualTo("x.w");
        assertThat(spec.layers().get(3).tensorName("bias")).isEqualTo("bn.bias");
    }

    @Test
    void attentionOrientationFlagsShouldBeReadAndWrittenIndependently() {
        for (boolean in : new boolean[] {false, true}) {
            for (boolean out : new boolean[] {false, true}) {
                NetworkSpec spec = NetworkSpecJson.parse(withLayers("{\"name\":\"attn\",\"op\":\"attention\",\"embedDim\":4,"
                        + "\"numHeads\":2,\"transposedWeight\":" + in + ",\"transposedOutProjection\":" + out + "}"));
                LayerSpec.Attention a = (LayerSpec.Attention) spec.layers().get(0);

                assertThat(a.transposedWeight()).as("in %s out %s", in, out).isEqualTo(in);
                assertThat(a.transposedOutProjection()).as("in %s out %s", in, out).isEqualTo(out);
                assertThat(a).isEqualTo(Layers.attention("attn", 4, 2).withTransposedWeight(in).withTransposedOutProjection(out));
                String json = NetworkSpecJson.toJson(spec);
                assertThat(json).contains("\"transposedWeight\" : " + in).contains("\"transposedOutProjection\" : " + out);
                assertThat(NetworkSpecJson.parse(json)).isEqualTo(spec);
            }
        }
        assertInvalid(withLayers("{\"name\":\"a\",\"op\":\"attention\",\"embedDim\":4,\"numHeads\":2,"
                + "\"transposedOutProjection\":1}"), "a", "transposedOutProjection");
    }

    @Test
    void unknownOpShouldBeUnsupportedOperatorNamingTheLayer() {
        assertThatThrownBy(() -> NetworkSpecJson.parse(withLayers("{\"name\":\"x1\",\"op\":\"lstm\"}")))
                .isInstanceOf(UnsupportedOperatorException.class)
                .hasMessageContaining("'lstm'").hasMessageContaining("'x1'")
                .satisfies(e -> {
                    UnsupportedOperatorException u = (UnsupportedOperatorException) e;
                    assertThat(u.nodeName()).isEqualTo("x1");
                    assertThat(u.opType()).isEqualTo("lstm");
                    assertThat(u.reason()).isEqualTo(GraphErrorReason.UNSUPPORTED_OPERATOR);
                });
    }

    @Test
    void badFieldsShouldNameTheLayerAndField() {
        assertInvalid(withLayers("{\"name\":\"fc\",\"op\":\"linear\",\"inFeatures\":4}"), "fc", "outFeatures");
        assertInvalid(withLayers("{\"name\":\"fc\",\"op\":\"linear\",\"inFeatures\":4,\"outFeatures\":0}"), "fc", "outFeatures");
        assertInvalid(withLayers("{\"name\":\"fc\",\"op\":\"linear\",\"inFeatures\":4,\"outFeatures\":2,\"biass\":true}"), "fc", "biass");
        assertInvalid(withLayers("{\"name\":\"fc\",\"op\":\"linear\",\"inFeatures\":\"4\",\"outFeatures\":2}"), "fc", "inFeatures");
        assertInvalid(withLayers("{\"name\":\"c\",\"op\":\"conv\",\"inChannels\":4,\"outChannels\":6,\"kernel\":[3],\"groups\":4}"), "c", "groups");
        assertInvalid(withLayers("{\"name\":\"c\",\"op\":\"conv\",\"inChannels\":4,\"outChannels\":6,\"kernel\":[3],\"stride\":[1,1]}"), "c", "stride");
        assertInvalid(withLayers("{\"name\":\"a\",\"op\":\"attention\",\"embedDim\":6,\"numHeads\":4}"), "a", "numHeads");
        assertInvalid(withLayers("{\"name\":\"fc\",\"op\":\"linear\",\"inFeatures\":4,\"outFeatures\":2,\"params\":{\"gamma\":\"x\"}}"), "fc", "params");
        assertInvalid(withLayers("{\"name\":\"r\",\"op\":\"add\",\"inputs\":[\"input\"]}"), "r", "inputs");
    }

    @Test
    void structuralErrorsShouldNameTheLayer() {
        assertInvalid(withLayers("{\"name\":\"a\",\"op\":\"relu\"}".replace("relu", "identity") + ",{\"name\":\"a\",\"op\":\"identity\"}"), "a", "name");
        assertInvalid(withLayers("{\"name\":\"a\",\"op\":\"identity\",\"inputs\":[\"b\"]},{\"name\":\"b\",\"op\":\"identity\"}"), "a", "inputs");
        assertInvalid(withLayers("{\"name\":\"a\",\"op\":\"identity\",\"inputs\":[\"nowhere\"]}"), "a", "inputs");
        assertThatThrownBy(() -> NetworkSpecJson.parse(DOC_EXAMPLE.replace("gmn-layers/1", "gmn-layers/2")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("format");
        assertThatThrownBy(() -> NetworkSpecJson.parse(DOC_EXAMPLE.replace("channels_first", "nchw")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("input.layout");
        assertThatThrownBy(() -> NetworkSpecJson.parse(DOC_EXAMPLE.replace("[1, 8, 8]", "[1, -8, 8]")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("input.shape");
        assertThatThrownBy(() -> NetworkSpecJson.parse(withLayers(""))).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("at least one layer");
    }

    @Test
    void invalidJsonShouldBeMalformedInputWithAnOffset() {
        assertThatThrownBy(() -> NetworkSpecJson.parse("{\"format\": \"gmn-layers/1\", ")).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> NetworkSpecJson.parse("[1, 2]")).isInstanceOf(InvalidSpecException.class);
    }

    @Test
    void javaFactoriesShouldEqualTheParsedSpec() {
        NetworkSpec built = NetworkSpec.builder(InputSpec.channelsFirst(1, 8, 8))
                .add(Layers.conv2d("conv1", 1, 8, 3))
                .add(Layers.relu("act1"))
                .add(Layers.globalAvgPool("pool"))
                .add(Layers.linear("fc", 8, 10))
                .build();

        assertThat(NetworkSpecJson.parse(DOC_EXAMPLE)).isEqualTo(built);
        assertThat(built.layers().get(0).withInputs(List.of("input")).inputs()).containsExactly("input");
    }

    private static void assertInvalid(String json, String layer, String field) {
        assertThatThrownBy(() -> NetworkSpecJson.parse(json)).isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> {
                    InvalidSpecException i = (InvalidSpecException) e;
                    assertThat(i.layer()).isEqualTo(layer);
                    assertThat(i.field()).isEqualTo(field);
                    assertThat(i.reason()).isEqualTo(GraphErrorReason.INVALID_SPEC);
                    assertThat(i.getMessage()).doesNotContain("\n").contains("'" + layer + "'");
                });
    }
}
