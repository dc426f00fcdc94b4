package io.gmnstream.operator.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gmnstream.operator.data.DigitsDataset;
import io.gmnstream.operator.gmn.GmnConfig;
import io.gmnstream.operator.gmn.GmnModel;
import io.gmnstream.operator.gmn.GmnScore;
import io.gmnstream.operator.gmn.GraphBatch;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.InputSpec;
import io.gmnstream.paramgraph.spec.Layers;
import io.gmnstream.paramgraph.spec.NetworkSpec;
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

    private static DigitsRuns runs;
    private static GmnModel gmn;

    @BeforeAll
    static void start() {
        runs = new DigitsRuns(TRAINING);
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
        Map<String, Tensor> trained = runs.train(MLP);
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
        Map<String, Tensor> trained = runs.train(CNN);
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
        float[] logits = runs.logits(spec, trained);
        float[] permutedLogits = runs.logits(spec, permuted);
        assertThat(permuted).as("the permutation moves weights").isNotEqualTo(trained);
        assertThat(permutedLogits).as("hidden permutation is a symmetry of the network")
                .containsExactly(logits, within(LOGIT_TOLERANCE));
        float[] changedLogits = runs.logits(spec, inputsPermuted);
        assertThat(DigitsRuns.maxAbsDifference(changedLogits, logits)).as("input permutation changes the function").isGreaterThan(1e-2f);

        GmnScore[] s = score(List.of(DigitsRuns.graph(spec, trained), DigitsRuns.graph(spec, permuted),
                DigitsRuns.graph(spec, inputsPermuted)));
        assertThat(s[1].predictedTestAccuracy()).isCloseTo(s[0].predictedTestAccuracy(), within(SCORE_TOLERANCE));
        assertThat(s[1].predictedGeneralizationGap()).isCloseTo(s[0].predictedGeneralizationGap(), within(SCORE_TOLERANCE));
        assertThat(Math.max(Math.abs(s[2].predictedTestAccuracy() - s[0].predictedTestAccuracy()),
                Math.abs(s[2].predictedGeneralizationGap() - s[0].predictedGeneralizationGap())))
                .as("an input permutation must change the score: %s vs %s", s[2], s[0])
                .isGreaterThan(1e-6f);
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
}
