package io.gmnstream.operator.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.operator.data.DigitsDataset;
import io.gmnstream.operator.data.TaskData;
import io.gmnstream.operator.djl.EngineInfo;
import io.gmnstream.operator.djl.TestEngine;
import io.gmnstream.paramgraph.GraphBuilder;
import io.gmnstream.paramgraph.GraphTensors;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.InputSpec;
import io.gmnstream.paramgraph.spec.Layers;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.tensor.SafetensorsFile;
import io.gmnstream.paramgraph.tensor.SafetensorsReader;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One 64-32-10 MLP trained on digits, shared by the tests that inspect it. */
class DenseTrainerTest {
    static final NetworkSpec MLP = NetworkSpec.of(InputSpec.features(64),
            Layers.linear("fc1", 64, 32), Layers.relu("act1"), Layers.linear("fc2", 32, 10));
    static final TrainingConfig CONFIG = TrainingConfig.defaults().withAdam(0.01f).withBatchSize(32).withEpochs(15).withSeed(7);

    private static EngineInfo engine;
    private static TaskData digits;
    private static DenseTrainer trainer;
    private static DenseNetwork network;
    private static TrainingReport report;
    private static long trainMillis;

    @BeforeAll
    static void train() {
        engine = TestEngine.start();
        digits = DigitsDataset.load();
        trainer = new DenseTrainer(engine, CONFIG);
        network = trainer.newNetwork(MLP);
        long start = System.nanoTime();
        report = trainer.fit(network, digits);
        trainMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.println(engine.describe());
        System.out.println(report + " in " + trainMillis + " ms");
    }

    @AfterAll
    static void close() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    void shouldReachOver85PercentTestAccuracyOnDigits() {
        assertThat(report.testAccuracy()).isGreaterThan(0.85);
        assertThat(report.trainAccuracy()).isGreaterThan(0.9);
        assertThat(report.steps()).isEqualTo(15 * 45);
    }

    @Test
    void shouldLowerTheLoss() {
        float[] loss = report.epochLoss();
        assertThat(loss[loss.length - 1]).isLessThan(loss[0] / 4);
        assertThat(loss[0]).isLessThan((float) Math.log(10) + 0.5f);
    }

    @Test
    void shouldNotLeakArraysAcrossSteps() {
        // Optimiser state appears in the first epoch; after that the count must stay flat.
        int[] live = report.liveArraysAfterEpoch();
        assertThat(live).containsOnly(live[0]);
        // At least the 4 parameters; Adam's moments are created by DJL and counted where it attaches them.
        assertThat(live[0]).isGreaterThanOrEqualTo(network.parameters().size());
    }

    @Test
    void shouldExportSafetensorsThatBuildThe108Node2410EdgeGraph() {
        SafetensorsFile file = new SafetensorsReader().read(ParameterExport.toSafetensors(network, CONFIG));

        assertThat(file.names()).containsExactlyInAnyOrder("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias");
        assertThat(file.get("fc1.weight").shape()).containsExactly(32, 64);
        assertThat(file.metadata()).containsEntry("seed", "7").containsEntry("optimizer", "adam");
        ParamGraph graph = GraphBuilder.withDefaults().build(MLP, file);
        assertThat(graph.numNodes()).isEqualTo(108);
        assertThat(graph.numEdges()).isEqualTo(2410);
    }

    @Test
    void shouldRoundTripGraphToTensorsBitForBitWithTheDjlParameters() {
        SafetensorsFile file = new SafetensorsReader().read(ParameterExport.toSafetensors(network, CONFIG));
        Map<String, Tensor> back = GraphTensors.toTensors(GraphBuilder.withDefaults().build(MLP, file));

        assertThat(back).hasSize(network.parameters().size());
        for (BoundParameter p : network.parameters()) {
            float[] djl = p.parameter().getArray().toFloatArray();
            Tensor t = back.get(p.tensorName());
            assertThat(t.shape()).containsExactly(p.parameter().getArray().getShape().getShape());
            assertThat(bits(t.values())).as(p.tensorName()).isEqualTo(bits(djl));
        }
    }

    @Test
    void shouldGiveIdenticalWeightsWhenTrainedTwiceWithTheSameSeed() {
        List<Tensor> again;
        TrainingReport second;
        try (DenseNetwork twin = trainer.newNetwork(MLP)) {
            second = trainer.fit(twin, digits);
            again = twin.exportTensors();
        }
        assertThat(again).isEqualTo(network.exportTensors());
        assertThat(second.epochLoss()).isEqualTo(report.epochLoss());
    }

    @Test
    void shouldGiveDifferentWeightsForAnotherSeed() {
        DenseTrainer other = new DenseTrainer(engine, CONFIG.withSeed(8).withEpochs(1).withMaxBatchesPerEpoch(2));
        try (DenseNetwork net = other.newNetwork(MLP)) {
            other.fit(net, digits);
            assertThat(net.exportTensors()).isNotEqualTo(network.exportTensors());
        }
    }

    private static int[] bits(float[] values) {
        return Arrays.stream(toDoubles(values)).mapToInt(d -> Float.floatToRawIntBits((float) d)).toArray();
    }

    private static double[] toDoubles(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }
}
