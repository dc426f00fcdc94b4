package io.gmnstream.operator.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.gmnstream.operator.data.DigitsDataset;
import io.gmnstream.operator.data.LabeledData;
import io.gmnstream.operator.data.TaskData;
import io.gmnstream.operator.djl.EngineInfo;
import io.gmnstream.operator.djl.TestEngine;
import io.gmnstream.operator.gmn.GmnConfig;
import io.gmnstream.operator.gmn.GmnModel;
import io.gmnstream.operator.gmn.GmnScore;
import io.gmnstream.operator.gmn.GraphBatch;
import io.gmnstream.paramgraph.GraphBuilder;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.InputSpec;
import io.gmnstream.paramgraph.spec.Layers;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.tensor.MapTensorSource;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GMN's permutation invariance on networks the project's trainer really trained on digits (not
 * random weights): permuting hidden neurons / conv channels leaves the network's logits unchanged
 * (so it is a true symmetry) and must leave the GMN's scores unchanged; permuting input positions
 * changes the function and must change the score. Lives in the train package for the network's
 * forward pass.
 */
class TrainedPermutationTest {
    private static final GmnConfig GMN = GmnConfig.builder().hidden(16).layers(2).headHidden(32).build();
    /** Few epochs: the networks must have learned (well above the 0.1 of chance), not converged. */
    private static final TrainingConfig TRAINING = TrainingConfig.defaults().withAdam(0.01f).withEpochs(2).withSeed(11);
    private static final float SCORE_TOLERANCE = 1e-5f;
    /** The permutation reorders float32 sums: the logits differ by rounding only, far less than this. */
    private static final float LOGIT_TOLERANCE = 1e-4f;

    /**
     * 64 -> 32 (LayerNorm) -> 24 -> 10: two hidden layers of different widths, so mixing up their
     * permutations cannot pass, and per-neuron norm parameters that must move with their neurons.
     */
    private static final NetworkSpec MLP = NetworkSpec.of(InputSpec.features(DigitsDataset.PIXELS),
            Layers.linear("fc1", DigitsDataset.PIXELS, 32), Layers.layerNorm("ln1", 32), Layers.relu("act1"),
            Layers.linear("fc2", 32, 24), Layers.relu("act2"),
            Layers.linear("fc3", 24, DigitsDataset.CLASSES));

    /** 1x8x8 -> conv 3x3 (6 channels, 6x6) -> conv 3x3 (8 channels, 4x4) -> flatten (128) -> 10. */
    private static final NetworkSpec CNN = NetworkSpec.of(
            InputSpec.channelsFirst(1, DigitsDataset.SIDE, DigitsDataset.SIDE),
            Layers.conv2d("conv1", 1, 6, 3), Layers.relu("act1"),
            Layers.conv2d("conv2", 6, 8, 3), Layers.relu("act2"),
            Layers.flatten("flat"),
            Layers.linear("fc", 8 * 4 * 4, DigitsDataset.CLASSES));

    private static TaskData digits;
    private static DenseTrainer trainer;
    private static GmnModel gmn;

    @BeforeAll
    static void start() {
        EngineInfo engine = TestEngine.start();
        digits = DigitsDataset.load();
        trainer = new DenseTrainer(engine, TRAINING);
        gmn = GmnModel.create(GMN, 7);
    }

    @AfterAll
    static void stop() {
        if (gmn != null) {
            gmn.close();
        }
    }

    @Test
    void scoresOfATrainedMlpAreInvariantToItsHiddenNeuronPermutations() {
        Map<String, Tensor> trained = train(MLP);
        Random rnd = new Random(3);
        int[] p1 = nonIdentityPermutation(32, rnd);
        int[] p2 = nonIdentityPermutation(24, rnd);

        Map<String, Tensor> permuted = new LinkedHashMap<>(trained);
        // Hidden layer 1: rows of fc1 (weight and bias), ln1's scale and shift, columns of fc2.
        permuteUnits(permuted, "fc1.weight", 1, 32, DigitsDataset.PIXELS, p1);
        permuteUnits(permuted, "fc1.bias", 1, 32, 1, p1);
        permuteUnits(permuted, "ln1.weight", 1, 32, 1, p1);
        permuteUnits(permuted, "ln1.bias", 1, 32, 1, p1);
        permuteUnits(permuted, "fc2.weight", 24, 32, 1, p1);
        // Hidden layer 2: rows of fc2, columns of fc3.
        permuteUnits(permuted, "fc2.weight", 1, 24, 32, p2);
        permuteUnits(permuted, "fc2.bias", 1, 24, 1, p2);
        permuteUnits(permuted, "fc3.weight", DigitsDataset.CLASSES, 24, 1, p2);

        // Not a symmetry: two input pixels (both inside the digit area) swap their outgoing weights.
        Map<String, Tensor> inputsSwapped = new LinkedHashMap<>(permuted);
        permuteUnits(inputsSwapped, "fc1.weight", 32, DigitsDataset.PIXELS, 1, swap(DigitsDataset.PIXELS, 19, 44));

        assertInvariant(MLP, trained, permuted, inputsSwapped);
    }

    @Test
    void scoresOfATrainedCnnAreInvariantToItsChannelPermutations() {
        Map<String, Tensor> trained = train(CNN);
        Random rnd = new Random(4);
        int[] p1 = nonIdentityPermutation(6, rnd);
        int[] p2 = nonIdentityPermutation(8, rnd);

        Map<String, Tensor> permuted = new LinkedHashMap<>(trained);
        // conv1's channels: its filters and biases, and conv2's input channels (3x3 kernels each).
        permuteUnits(permuted, "conv1.weight", 1, 6, 9, p1);
        permuteUnits(permuted, "conv1.bias", 1, 6, 1, p1);
        permuteUnits(permuted, "conv2.weight", 8, 6, 9, p1);
        // conv2's channels: its filters and biases, and the fc columns of each channel's flattened 4x4 map.
        permuteUnits(permuted, "conv2.weight", 1, 8, 6 * 9, p2);
        permuteUnits(permuted, "conv2.bias", 1, 8, 1, p2);
        permuteUnits(permuted, "fc.weight", DigitsDataset.CLASSES, 8, 16, p2);

        // Not a symmetry: every conv1 filter swaps its top-left and bottom-right taps (input positions).
        Map<String, Tensor> tapsSwapped = new LinkedHashMap<>(permuted);
        permuteUnits(tapsSwapped, "conv1.weight", 6, 9, 1, swap(9, 0, 8));

        assertInvariant(CNN, trained, permuted, tapsSwapped);
    }

    /**
     * The permuted network computes the trained network's logits on the digits test rows and gets
     * the same GMN scores within {@link #SCORE_TOLERANCE}; the input-permuted one computes other
     * logits and gets other scores.
     */
    private static void assertInvariant(NetworkSpec spec, Map<String, Tensor> trained, Map<String, Tensor> permuted,
                                        Map<String, Tensor> inputsPermuted) {
        float[] logits = logits(spec, trained);
        float[] permutedLogits = logits(spec, permuted);
        assertThat(permuted).as("the permutation moves weights").isNotEqualTo(trained);
        assertThat(permutedLogits).as("hidden permutation is a symmetry of the network")
                .containsExactly(logits, within(LOGIT_TOLERANCE));
        float[] changedLogits = logits(spec, inputsPermuted);
        assertThat(maxAbsDifference(changedLogits, logits)).as("input permutation changes the function").isGreaterThan(1e-2f);

        GmnScore[] s = score(List.of(graph(spec, trained), graph(spec, permuted), graph(spec, inputsPermuted)));
        assertThat(s[1].predictedTestAccuracy()).isCloseTo(s[0].predictedTestAccuracy(), within(SCORE_TOLERANCE));
        assertThat(s[1].predictedGeneralizationGap()).isCloseTo(s[0].predictedGeneralizationGap(), within(SCORE_TOLERANCE));
        assertThat(Math.max(Math.abs(s[2].predictedTestAccuracy() - s[0].predictedTestAccuracy()),
                Math.abs(s[2].predictedGeneralizationGap() - s[0].predictedGeneralizationGap())))
                .as("an input permutation must change the score: %s vs %s", s[2], s[0])
                .isGreaterThan(1e-6f);
    }

    /** Trains {@code spec} on digits, checks that it learned, and returns its exported tensors by name. */
    private static Map<String, Tensor> train(NetworkSpec spec) {
        try (DenseNetwork network = trainer.newNetwork(spec)) {
            TrainingReport report = trainer.fit(network, digits);
            assertThat(report.testAccuracy()).as("%s learned digits", spec.layers().get(0).name()).isGreaterThan(0.5);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            network.exportTensors().forEach(t -> tensors.put(t.name(), t));
            return tensors;
        }
    }

    /** Logits [test rows x classes] of {@code spec} with {@code tensors} loaded into a fresh DJL network. */
    private static float[] logits(NetworkSpec spec, Map<String, Tensor> tensors) {
        LabeledData test = digits.test();
        try (DenseNetwork network = trainer.newNetwork(spec)) {
            assertThat(network.parameters()).hasSize(tensors.size());
            for (BoundParameter p : network.parameters()) {
                p.parameter().getArray().set(tensors.get(p.tensorName()).values());
            }
            SampleLayout layout = SampleLayout.of(spec.input(), test);
            int[] rows = IntStream.range(0, test.size()).toArray();
            try (NDManager batch = network.manager().newSubManager()) {
                NDArray x = batch.create(layout.rows(test, rows), layout.shape(rows.length));
                return network.forward(x, false).toFloatArray();
            }
        }
    }

    private static ParamGraph graph(NetworkSpec spec, Map<String, Tensor> tensors) {
        return GraphBuilder.withDefaults().build(spec, MapTensorSource.of(tensors.values()));
    }

    private static GmnScore[] score(List<ParamGraph> graphs) {
        try (GraphBatch batch = gmn.batch(graphs)) {
            return gmn.predict(batch);
        }
    }

    /**
     * Replaces tensor {@code name}, seen as {@code [outer, units, inner]}, by the one whose unit
     * {@code i} is unit {@code perm[i]} of the original. Rows of a weight: {@code outer = 1}; its input
     * columns: {@code outer = } its output count.
     */
    private static void permuteUnits(Map<String, Tensor> tensors, String name, int outer, int units, int inner, int[] perm) {
        Tensor t = tensors.get(name);
        float[] from = t.values();
        assertThat(from).as(name).hasSize(outer * units * inner);
        float[] to = new float[from.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < units; i++) {
                System.arraycopy(from, (o * units + perm[i]) * inner, to, (o * units + i) * inner, inner);
            }
        }
        tensors.put(name, Tensor.f32(name, t.shape(), to));
    }

    private static int[] nonIdentityPermutation(int n, Random rnd) {
        int[] perm = Permutations.random(n, rnd);
        assertThat(perm).as("a seed whose permutation moves something").isNotEqualTo(IntStream.range(0, n).toArray());
        return perm;
    }

    private static int[] swap(int n, int a, int b) {
        int[] perm = IntStream.range(0, n).toArray();
        perm[a] = b;
        perm[b] = a;
        return perm;
    }

    private static float maxAbsDifference(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
