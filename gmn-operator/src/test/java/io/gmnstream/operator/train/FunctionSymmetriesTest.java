package io.gmnstream.operator.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.gmnstream.operator.data.DigitsDataset;
import io.gmnstream.operator.learn.FunctionSymmetries;
import io.gmnstream.operator.learn.FunctionSymmetries.EdgeScaling;
import io.gmnstream.operator.learn.FunctionSymmetries.Kind;
import io.gmnstream.operator.learn.FunctionSymmetries.UnitGroup;
import io.gmnstream.operator.zoo.Architecture;
import io.gmnstream.operator.zoo.Family;
import io.gmnstream.paramgraph.GraphTensors;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.InputSpec;
import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.spec.Layers;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rescalings that {@link FunctionSymmetries} finds are true symmetries: on networks trained on digits,
 * the rescaled graph's tensors compute the same logits, while its values differ; a rescaling it refuses
 * (a sign flip through relu) changes the logits. And it finds no unit where a rescaling would change the
 * function: residual streams, gelu, tanh before max pooling.
 */
class FunctionSymmetriesTest {
    private static final TrainingConfig TRAINING = TrainingConfig.defaults().withAdam(0.01f).withEpochs(2).withSeed(5);
    private static final double SPREAD = 0.7;
    /** Rescaling reorders float32 rounding only: logits agree to this, relative to their largest magnitude. */
    private static final float RELATIVE_TOLERANCE = 1e-4f;
    private static final int PIXELS = DigitsDataset.PIXELS;
    private static final int CLASSES = DigitsDataset.CLASSES;

    private static DigitsRuns runs;

    @BeforeAll
    static void start() {
        runs = new DigitsRuns(TRAINING);
    }

    @Test
    void reluUnitsOfAnMlpRescaleWithoutChangingItsLogits() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.features(PIXELS),
                Layers.linear("fc1", PIXELS, 24), Layers.relu("act1"), Layers.dropout("drop1"),
                Layers.linear("fc2", 24, 16), Layers.relu("act2"),
                Layers.linear("out", 16, CLASSES));
        Map<String, Tensor> trained = runs.train(spec);

        List<UnitGroup> groups = FunctionSymmetries.of(DigitsRuns.graph(spec, trained));

        assertThat(groups).extracting(UnitGroup::layer, UnitGroup::kind)
                .containsExactly(tuple("fc1", Kind.POSITIVE_SCALE),
                        tuple("fc2", Kind.POSITIVE_SCALE));
        assertSameFunction(spec, trained, groups);
    }

    @Test
    void tanhUnitsOfAnMlpFlipSignWithoutChangingItsLogits() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.features(PIXELS),
                Layers.linear("fc1", PIXELS, 24), Layers.activation("act1", "tanh"),
                Layers.linear("out", 24, CLASSES));
        Map<String, Tensor> trained = runs.train(spec);

        List<UnitGroup> groups = FunctionSymmetries.of(DigitsRuns.graph(spec, trained));

        assertThat(groups).extracting(UnitGroup::kind).containsExactly(Kind.SIGN_FLIP);
        assertSameFunction(spec, trained, groups);
    }

    @Test
    void batchNormChannelsOfACnnRescaleThroughMaxPoolingWithoutChangingItsLogits() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.channelsFirst(1, DigitsDataset.SIDE, DigitsDataset.SIDE),
                Layers.conv2d("conv1", 1, 6, 3), Layers.batchNorm("bn1", 6), Layers.relu("act1"),
                Layers.maxPool("pool1", 2, 2),
                Layers.conv2d("conv2", 6, 8, 2), Layers.relu("act2"),
                Layers.globalAvgPool("gap"),
                Layers.linear("out", 8, CLASSES));
        Map<String, Tensor> trained = runs.train(spec);
        ParamGraph graph = DigitsRuns.graph(spec, trained);

        List<UnitGroup> groups = FunctionSymmetries.of(graph);

        assertThat(groups).extracting(UnitGroup::layer).containsExactly("conv1", "conv2");
        // conv1's channels are rescaled through bn1's scale and shift, not through conv1's own weights, and
        // compensated in conv2's 8 x 6 x 2 x 2 weights.
        assertThat(groups.get(0).edges()).extracting(EdgeScaling::count).containsExactly(6, 6, 8 * 6 * 2 * 2);
        assertSameFunction(spec, trained, groups);

        // tanh does not commute with max pooling, so the same net with tanh has no symmetric conv1.
        NetworkSpec tanh = NetworkSpec.of(spec.input(), spec.layers().stream()
                .map(l -> l.name().equals("act1") ? Layers.activation("act1", "tanh") : l).toArray(
                        LayerSpec[]::new));
        assertThat(FunctionSymmetries.of(DigitsRuns.graph(tanh, trained))).extracting(UnitGroup::layer)
                .containsExactly("conv2");
    }

    @Test
    void attentionNeuronsRescaleThroughValueOutputAndQueryKeyWithoutChangingItsLogits() {
        NetworkSpec spec = new Architecture(Family.ATTENTION, 1, 16, "relu", false, "none", "global_avg_pool", 2, 4)
                .spec(1, DigitsDataset.SIDE, DigitsDataset.SIDE, CLASSES);
        Map<String, Tensor> trained = runs.train(spec);

        List<UnitGroup> groups = FunctionSymmetries.of(DigitsRuns.graph(spec, trained));

        assertThat(groups).extracting(UnitGroup::layer, UnitGroup::kind).containsExactly(
                tuple("block1_attn", Kind.ANY_SCALE), tuple("block1_attn", Kind.ANY_SCALE),
                tuple("block1_fc1", Kind.POSITIVE_SCALE));
        assertSameFunction(spec, trained, groups);
    }

    @Test
    void aSignFlipThroughReluChangesTheFunction() {
        NetworkSpec spec = NetworkSpec.of(InputSpec.features(PIXELS),
                Layers.linear("fc1", PIXELS, 24), Layers.relu("act1"),
                Layers.linear("out", 24, CLASSES));
        Map<String, Tensor> trained = runs.train(spec);
        UnitGroup relu = FunctionSymmetries.of(DigitsRuns.graph(spec, trained)).get(0);
        UnitGroup wrong = new UnitGroup(relu.layer(), Kind.SIGN_FLIP, relu.units(), relu.edges());

        ParamGraph flipped = FunctionSymmetries.rescaled(DigitsRuns.graph(spec, trained), List.of(wrong), new Random(1), 0);

        float[] logits = runs.logits(spec, trained);
        assertThat(DigitsRuns.maxAbsDifference(runs.logits(spec, GraphTensors.toTensors(flipped)), logits))
                .as("relu is not odd: flipping its units changes the logits").isGreaterThan(1e-1f);
    }

    @Test
    void findsNoUnitWhoseRescalingWouldChangeTheFunction() {
        // Residual families: every hidden unit feeds a residual stream or a norm over all units.
        assertThat(zooGroups(Family.RESIDUAL_MLP, "relu")).isEmpty();
        assertThat(zooGroups(Family.RESIDUAL_CNN, "relu")).isEmpty();
        // gelu is neither positively homogeneous nor odd.
        assertThat(zooGroups(Family.MLP, "gelu")).isEmpty();
        // Plain MLPs: every hidden layer; attention with gelu: the attention neurons only.
        assertThat(zooGroups(Family.MLP, "relu")).extracting(UnitGroup::layer).containsExactly("fc1", "fc2", "fc3");
        assertThat(zooGroups(Family.ATTENTION, "gelu")).extracting(UnitGroup::layer).containsExactly(
                "block1_attn", "block1_attn", "block2_attn", "block2_attn", "block3_attn", "block3_attn");
    }

    /** Groups of a depth-3, width-8 zoo network of {@code family}, with initial (untrained) weights. */
    private static List<UnitGroup> zooGroups(Family family, String activation) {
        Architecture arch = family == Family.ATTENTION
                ? new Architecture(family, 3, 8, activation, true, "none", "global_avg_pool", 2, 4)
                : new Architecture(family, 3, 8, activation, true);
        NetworkSpec spec = arch.spec(1, DigitsDataset.SIDE, DigitsDataset.SIDE, CLASSES);
        return FunctionSymmetries.of(DigitsRuns.graph(spec, runs.initial(spec)));
    }

    private static void assertSameFunction(NetworkSpec spec, Map<String, Tensor> trained, List<UnitGroup> groups) {
        ParamGraph graph = DigitsRuns.graph(spec, trained);
        ParamGraph rescaled = FunctionSymmetries.rescaled(graph, groups, new Random(9), SPREAD);
        Map<String, Tensor> rescaledTensors = GraphTensors.toTensors(rescaled);

        assertThat(DigitsRuns.maxAbsDifference(rescaled.edgeValue(), graph.edgeValue()))
                .as("the rescaling moves weights").isGreaterThan(1e-2f);
        float[] logits = runs.logits(spec, trained);
        float scale = 0;
        for (float v : logits) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertThat(runs.logits(spec, rescaledTensors)).as("a rescaling of symmetric units keeps the function")
                .containsExactly(logits, within(RELATIVE_TOLERANCE * scale));
    }
}
