package io.gmnstream.operator.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.gmnstream.operator.data.DigitsDataset;
import io.gmnstream.operator.data.LabeledData;
import io.gmnstream.operator.djl.EngineInfo;
import io.gmnstream.operator.djl.TestEngine;
import io.gmnstream.paramgraph.spec.InputSpec;
import io.gmnstream.paramgraph.spec.Layers;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conv, norm, pooling and attention blocks against DJL_NOTES traps 1-3 (a GC between forward
 * and backward must not change the gradients), and the hand-written blocks against the
 * operations they stand for.
 */
class ImageLayersGradientTest {
    private static EngineInfo engine;
    private static LabeledData digits;
    private static final int[] BATCH = {0, 1, 2, 3, 4, 5, 6, 7};

    @BeforeAll
    static void start() {
        engine = TestEngine.start();
        digits = DigitsDataset.load().train();
    }

    static Stream<NetworkSpec> specs() {
        return Stream.of(
                NetworkSpec.of(InputSpec.channelsFirst(1, 8, 8), Layers.conv2d("c1", 1, 4, 3).withPadding(1, 1),
                        Layers.batchNorm("bn1", 4), Layers.activation("a1", "gelu"), Layers.maxPool("p1", 2, 2),
                        Layers.conv2d("c2", 4, 6, 3), Layers.activation("a2", "tanh"), Layers.avgPool("p2", 2, 2),
                        Layers.flatten("f"), Layers.linear("out", 6, 10)),
                NetworkSpec.builder(InputSpec.channelsFirst(1, 8, 8)).add(Layers.conv2d("stem", 1, 4, 3).withPadding(1, 1))
                        .add(Layers.layerNorm("ln", 4, 8, 8)).add(Layers.conv2d("c", 4, 4, 3).withPadding(1, 1))
                        .add(Layers.relu("a")).add(Layers.add("res", "stem", "a")).add(Layers.groupNorm("gn", 2, 4))
                        .add(Layers.globalAvgPool("g")).add(Layers.linear("out", 4, 10)).build(),
                NetworkSpec.builder(InputSpec.sequence(4, 20)).add(Layers.linear("embed", 20, 8))
                        .add(Layers.layerNorm("ln", 8)).add(Layers.attention("attn", 8, 2)).add(Layers.add("res", "embed", "attn"))
                        .add(Layers.globalAvgPool("mean")).add(Layers.linear("out", 8, 10)).build());
    }

    @ParameterizedTest
    @MethodSource("specs")
    void aGcBetweenForwardAndBackwardLeavesTheGradientsIntact(NetworkSpec spec) {
        DenseTrainer trainer = new DenseTrainer(engine, TrainingConfig.defaults().withDropoutRate(0f));
        try (DenseNetwork net = trainer.newNetwork(spec)) {
            List<float[]> plain = gradients(net, false);
            List<float[]> withGc = gradients(net, true);
            double norm = 0;
            for (int i = 0; i < plain.size(); i++) {
                for (float g : withGc.get(i)) {
                    assertThat(g).as(net.parameters().get(i).tensorName()).isFinite();
                    norm += g * g;
                }
                assertThat(withGc.get(i)).as(net.parameters().get(i).tensorName()).containsExactly(plain.get(i));
            }
            assertThat(norm).isPositive();
        }
    }

    @Test
    void groupNormWithOneGroupEqualsLayerNormOverTheWholeMapAtInitialisation() {
        NetworkSpec group = NetworkSpec.of(InputSpec.channelsFirst(1, 8, 8), Layers.conv2d("c", 1, 3, 3),
                Layers.groupNorm("n", 1, 3), Layers.flatten("f"), Layers.linear("out", 108, 10));
        NetworkSpec layer = NetworkSpec.of(InputSpec.channelsFirst(1, 8, 8), Layers.conv2d("c", 1, 3, 3),
                Layers.layerNorm("n", 3, 6, 6), Layers.flatten("f"), Layers.linear("out", 108, 10));
        DenseTrainer trainer = new DenseTrainer(engine, TrainingConfig.defaults());
        try (DenseNetwork g = trainer.newNetwork(group); DenseNetwork l = trainer.newNetwork(layer)) {
            // Same seed, same order of random draws: the conv and output weights are identical.
            assertThat(g.exportTensors().get(0)).isEqualTo(l.exportTensors().get(0));
            float[] a = logits(g);
            float[] b = logits(l);
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i]).isCloseTo(b[i], org.assertj.core.data.Offset.offset(1e-4f));
            }
        }
    }

    @Test
    void selfAttentionMatchesAReferenceMultiheadAttention() {
        int tokens = 4;
        int d = 8;
        int heads = 2;
        NetworkSpec spec = NetworkSpec.of(InputSpec.sequence(tokens, 20), Layers.linear("embed", 20, d),
                Layers.attention("attn", d, heads), Layers.flatten("f"), Layers.linear("out", tokens * d, 10));
        DenseTrainer trainer = new DenseTrainer(engine, TrainingConfig.defaults());
        try (DenseNetwork net = trainer.newNetwork(spec); NDManager m = net.manager().newSubManager()) {
            SampleLayout layout = SampleLayout.of(spec.input(), digits);
            NDArray x = m.create(layout.rows(digits, new int[] {3}), layout.shape(1));
            float[] embedded = linear(x.toFloatArray(), tokens, 20, tensor(net, "embed.weight"), tensor(net, "embed.bias"), d);
            float[] expected = ReferenceAttention.forward(embedded, tokens, d, heads, tensor(net, "attn.in_proj_weight"),
                    tensor(net, "attn.in_proj_bias"), tensor(net, "attn.out_proj.weight"), tensor(net, "attn.out_proj.bias"));
            float[] expectedLogits = linear(expected, 1, tokens * d, tensor(net, "out.weight"), tensor(net, "out.bias"), 10);
            float[] actual = net.forward(x, false).toFloatArray();
            for (int i = 0; i < 10; i++) {
                assertThat(actual[i]).isCloseTo(expectedLogits[i], org.assertj.core.data.Offset.offset(1e-4f));
            }
        }
    }

    private static float[] tensor(DenseNetwork net, String name) {
        return net.parameters().stream().filter(p -> p.tensorName().equals(name)).findFirst().orElseThrow()
                .parameter().getArray().toFloatArray();
    }

    /** rows x in times weight [out, in]^T plus bias. */
    static float[] linear(float[] x, int rows, int in, float[] weight, float[] bias, int out) {
        float[] y = new float[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double s = bias[o];
                for (int i = 0; i < in; i++) {
                    s += x[r * in + i] * weight[o * in + i];
                }
                y[r * out + o] = (float) s;
            }
        }
        return y;
    }

    private static float[] logits(DenseNetwork net) {
        try (NDManager m = net.manager().newSubManager()) {
            SampleLayout layout = SampleLayout.of(net.spec().input(), digits);
            return net.forward(m.create(layout.rows(digits, BATCH), layout.shape(BATCH.length)), false).toFloatArray();
        }
    }

    /** Gradients of the mean cross-entropy on one fixed batch, optionally with GCs between forward and backward. */
    private static List<float[]> gradients(DenseNetwork net, boolean gc) {
        Engine djl = Engine.getEngine(engine.engineName());
        List<float[]> out = new ArrayList<>();
        try (NDManager step = net.manager().newSubManager()) {
            SampleLayout layout = SampleLayout.of(net.spec().input(), digits);
            NDArray x = step.create(layout.rows(digits, BATCH), layout.shape(BATCH.length));
            NDArray targets = step.create(SoftmaxCrossEntropy.oneHot(digits.gatherLabels(BATCH), 10),
                    new ai.djl.ndarray.types.Shape(BATCH.length, 10));
            try (GradientCollector collector = djl.newGradientCollector()) {
                NDArray loss = SoftmaxCrossEntropy.mean(net.forward(x, true), targets);
                if (gc) {
                    TestEngine.collectGarbage();
                }
                collector.backward(loss);
            }
            for (BoundParameter p : net.parameters()) {
                try (NDArray g = p.parameter().getArray().getGradient()) {
                    out.add(g.toFloatArray());
                    g.subi(g);
                }
            }
        }
        return out;
    }
}
