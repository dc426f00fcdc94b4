package io.gmnstream.paramgraph;

import static io.gmnstream.paramgraph.spec.Layers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmnstream.paramgraph.spec.InputSpec;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.tensor.MapTensorSource;
import io.gmnstream.paramgraph.tensor.Tensor;
import io.gmnstream.paramgraph.tensor.TensorSource;
import io.gmnstream.paramgraph.testing.Networks;
import io.gmnstream.paramgraph.testing.RandomTensors;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuilderErrorsTest {
    private final GraphBuilder builder = GraphBuilder.withDefaults();

    @Test
    void missingTensorShouldNameTheLayerAndTensor() {
        NetworkSpec spec = Networks.mlp64();
        MapTensorSource all = RandomTensors.forSpec(spec, 1);
        MapTensorSource withoutBias = MapTensorSource.of(all.asMap().values().stream().filter(t -> !t.name().equals("fc2.bias")).toList());

        assertThatThrownBy(() -> builder.build(spec, withoutBias)).isInstanceOf(MissingTensorException.class)
                .hasMessageContaining("'fc2'").hasMessageContaining("'fc2.bias'")
                .satisfies(e -> {
                    MissingTensorException m = (MissingTensorException) e;
                    assertThat(m.layer()).isEqualTo("fc2");
                    assertThat(m.tensorName()).isEqualTo("fc2.bias");
                    assertThat(m.reason()).isEqualTo(GraphErrorReason.MISSING_TENSOR);
                });
    }

    @Test
    void wrongShapeShouldNameLayerTensorAndBothShapes() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.features(3), linear("fc", 3, 2));
        MapTensorSource t = MapTensorSource.of(Tensor.f32("fc.weight", new long[] {3, 2}, new float[6]),
                Tensor.f32("fc.bias", new long[] {2}, new float[2]));

        assertThatThrownBy(() -> builder.build(spec, t)).isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("'fc'").hasMessageContaining("'fc.weight'").hasMessageContaining("[3, 2]").hasMessageContaining("[2, 3]")
                .satisfies(e -> {
                    ShapeMismatchException s = (ShapeMismatchException) e;
                    assertThat(s.expectedShape()).containsExactly(2, 3);
                    assertThat(s.actualShape()).containsExactly(3, 2);
                    assertThat(s.reason()).isEqualTo(GraphErrorReason.SHAPE_MISMATCH);
                });
    }

    @Test
    void tooManyParametersShouldBeRefusedBeforeReadingAnyTensor() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.features(100_000), linear("fc", 100_000, 1_000));
        TensorSource untouchable = new TensorSource() {
            @Override
            public Tensor get(String name) {
                throw new AssertionError("tensor " + name + " read before the limit check");
            }

            @Override
            public Set<String> names() {
                return Set.of();
            }
        };

        assertThatThrownBy(() -> builder.build(spec, untouchable)).isInstanceOf(SizeLimitException.class)
                .satisfies(e -> assertThat(((SizeLimitException) e).declared()).isEqualTo(100_000_000L));
    }

    @Test
    void aTensorOverMaxTensorBytesShouldBeRefused() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.features(64), linear("fc", 64, 64));
        GraphBuilder small = new GraphBuilder(GraphLimits.defaults().withMaxTensorBytes(1024));

        assertThatThrownBy(() -> small.build(spec, RandomTensors.forSpec(spec, 1))).isInstanceOf(SizeLimitException.class)
                .hasMessageContaining("fc.weight");
    }

    @Test
    void widthMismatchShouldNameTheLayerAndField() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.channelsFirst(3, 4, 4), conv2d("c", 3, 4, 3), flatten("f"), linear("fc", 15, 2));

        assertThatThrownBy(() -> builder.build(spec, RandomTensors.forSpec(spec, 1))).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("'fc'").hasMessageContaining("inFeatures").hasMessageContaining("16 features");
    }

    @Test
    void linearOnAnUnflattenedMapShouldAskForFlatten() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.channelsFirst(3, 4, 4), linear("fc", 3, 2));

        assertThatThrownBy(() -> builder.build(spec, RandomTensors.forSpec(spec, 1))).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("flatten");
    }

    @Test
    void embeddingWithoutTokenInputAndBadAddsShouldBeInvalid() {
        NetworkSpec emb = NetworkSpec.of(InputSpec.features(3), embedding("e", 4, 2));
        NetworkSpec add = NetworkSpec.builder(InputSpec.features(3)).add(linear("a", 3, 4)).add(add("r", "input", "a")).build();

        assertThatThrownBy(() -> builder.build(emb, RandomTensors.forSpec(emb, 1))).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("tokens");
        assertThatThrownBy(() -> builder.build(add, RandomTensors.forSpec(add, 1))).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("'r'");
    }

    @Test
    void limitsShouldBeValidated() {
        assertThatThrownBy(() -> new GraphLimits(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxParameters");
        assertThatThrownBy(() -> GraphLimits.defaults().withMaxFileBytes(1L << 40)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxFileBytes");
    }
}
