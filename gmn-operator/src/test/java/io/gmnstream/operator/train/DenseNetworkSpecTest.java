package io.gmnstream.operator.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmnstream.operator.data.DigitsDataset;
import io.gmnstream.operator.djl.TestEngine;
import io.gmnstream.paramgraph.GraphBuilder;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.InputSpec;
import io.gmnstream.paramgraph.spec.Layers;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.tensor.MapTensorSource;
import io.gmnstream.paramgraph.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Which specs the dense trainer builds, and how it refuses the others. */
class DenseNetworkSpecTest {
    private final DenseTrainer smoke = new DenseTrainer(TestEngine.start(),
            TrainingConfig.defaults().withSgd(0.1f, 0.9f).withEpochs(1).withMaxBatchesPerEpoch(3).withWeightDecay(1e-4f));

    @Test
    void shouldTrainAndExportLayerNormGeluTanhAndDropout() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.features(64),
                Layers.linear("fc1", 64, 16), Layers.layerNorm("ln1", 16), Layers.activation("a1", "gelu"),
                Layers.dropout("drop"), Layers.linear("fc2", 16, 12), Layers.activation("a2", "tanh"),
                Layers.linear("out", 12, 10).withBias(false));
        try (DenseNetwork net = smoke.newNetwork(spec)) {
            TrainingReport report = smoke.fit(net, DigitsDataset.load());
            assertThat(report.steps()).isEqualTo(3);
            assertThat(report.epochLoss()[0]).isFinite();

            var tensors = net.exportTensors();
            assertThat(tensors).extracting(Tensor::name)
                    .containsExactly("fc1.weight", "fc1.bias", "ln1.weight", "ln1.bias", "fc2.weight", "fc2.bias", "out.weight");
            ParamGraph graph = GraphBuilder.withDefaults().build(spec, MapTensorSource.of(tensors));
            // 64 in + 16 + bias + gamma + beta + 12 + bias + 10
            assertThat(graph.numNodes()).isEqualTo(64 + 16 + 1 + 2 + 12 + 1 + 10);
            assertThat(graph.numEdges()).isEqualTo(64 * 16 + 16 + 16 * 2 + 16 * 12 + 12 + 12 * 10);
        }
    }

    @Test
    void shouldRefuseUnsupportedLayersNamingThemAndTheAllowedOps() {
        NetworkSpec tokens = NetworkSpec.of(InputSpec.tokens(8), Layers.embedding("emb", 16, 4), Layers.flatten("f"),
                Layers.linear("fc", 32, 10));
        assertThatThrownBy(() -> smoke.newNetwork(tokens)).isInstanceOf(UnsupportedLayerException.class)
                .hasMessageContaining("tokens");
        NetworkSpec instance = NetworkSpec.of(InputSpec.channelsFirst(1, 8, 8), Layers.conv2d("c", 1, 4, 3),
                Layers.instanceNorm("in", 4, true), Layers.globalAvgPool("g"), Layers.linear("fc", 4, 10));
        assertThatThrownBy(() -> smoke.newNetwork(instance)).isInstanceOf(UnsupportedLayerException.class)
                .hasMessageContaining("layer 'in'").hasMessageContaining("op instance_norm").hasMessageContaining("group_norm");
        NetworkSpec convOnVector = NetworkSpec.of(InputSpec.features(64), Layers.linear("fc", 64, 10), Layers.conv1d("c", 10, 4, 1));
        assertThatThrownBy(() -> smoke.newNetwork(convOnVector)).isInstanceOf(UnsupportedLayerException.class)
                .hasMessageContaining("layer 'c'").hasMessageContaining("channel map");
        NetworkSpec linearOnMap = NetworkSpec.of(InputSpec.channelsFirst(1, 8, 8), Layers.linear("fc", 64, 10));
        assertThatThrownBy(() -> smoke.newNetwork(linearOnMap)).isInstanceOf(UnsupportedLayerException.class)
                .hasMessageContaining("layer 'fc'").hasMessageContaining("flatten");
        NetworkSpec transposedAttention = NetworkSpec.of(InputSpec.sequence(4, 8),
                Layers.attention("attn", 8, 2).withTransposedWeight(true), Layers.globalAvgPool("g"), Layers.linear("fc", 8, 10));
        assertThatThrownBy(() -> smoke.newNetwork(transposedAttention)).isInstanceOf(UnsupportedLayerException.class)
                .hasMessageContaining("layer 'attn'").hasMessageContaining("packed");
        NetworkSpec mapOutput = NetworkSpec.of(InputSpec.channelsFirst(1, 8, 8), Layers.conv2d("c", 1, 4, 3));
        assertThatThrownBy(() -> smoke.newNetwork(mapOutput)).isInstanceOf(UnsupportedLayerException.class)
                .hasMessageContaining("layer 'c'").hasMessageContaining("vector");
    }

    @Test
    void shouldRefuseDataWhoseGeometryDoesNotFitTheInput() {
        NetworkSpec sevenByNine = NetworkSpec.of(InputSpec.sequence(7, 9), Layers.globalAvgPool("g"), Layers.linear("fc", 9, 10));
        try (DenseNetwork net = smoke.newNetwork(sevenByNine)) {
            assertThatThrownBy(() -> smoke.fit(net, DigitsDataset.load())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not fit").hasMessageContaining("sequence [7, 9]");
        }
    }

    @Test
    void shouldRefuseAnUnknownActivationAndAWidthMismatch() {
        assertThatThrownBy(() -> smoke.newNetwork(NetworkSpec.of(InputSpec.features(64), Layers.linear("fc", 64, 10),
                Layers.activation("s", "sigmoid")))).hasMessageContaining("layer 's'").hasMessageContaining("relu");
        assertThatThrownBy(() -> smoke.newNetwork(NetworkSpec.of(InputSpec.features(64), Layers.linear("fc", 60, 10))))
                .hasMessageContaining("inFeatures is 60");
    }

    @Test
    void shouldValidateTheTrainingConfigNamingTheField() {
        TrainingConfig d = TrainingConfig.defaults();
        assertThatThrownBy(() -> d.withBatchSize(0)).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> d.withAdam(Float.NaN)).hasMessageContaining("learningRate");
        assertThatThrownBy(() -> d.withDropoutRate(1f)).hasMessageContaining("dropoutRate");
        assertThatThrownBy(() -> d.withSgd(0.1f, 1f)).hasMessageContaining("momentum");
        assertThatThrownBy(() -> d.withWeightDecay(-1f)).hasMessageContaining("weightDecay");
    }
}
