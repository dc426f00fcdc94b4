package io.gmnstream.operator.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gmnstream.operator.data.DatasetFormatException;
import io.gmnstream.operator.data.DigitsDataset;
import io.gmnstream.operator.data.MnistDataset;
import io.gmnstream.operator.data.TaskData;
import io.gmnstream.operator.dataset.LabelledCheckpoint;
import io.gmnstream.operator.dataset.ZooCheckpoints;
import io.gmnstream.operator.djl.EngineInfo;
import io.gmnstream.operator.djl.TestEngine;
import io.gmnstream.operator.train.DenseNetwork;
import io.gmnstream.operator.train.DenseTrainer;
import io.gmnstream.operator.train.TrainingConfig;
import io.gmnstream.paramgraph.GraphBuilder;
import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.InputLayout;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.tensor.MapTensorSource;
import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.InlineWeights;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every zoo family: its spec, the DJL network trained from it, and its checkpoints as parameter graphs. */
class DiverseFamiliesTest {
    private static final Set<Family> NEW = EnumSet.of(Family.CNN, Family.CNN_BN, Family.RESIDUAL_CNN, Family.ATTENTION);
    private static final Set<Family> RESIDUAL = EnumSet.of(Family.RESIDUAL_MLP, Family.RESIDUAL_CNN, Family.ATTENTION);
    private static EngineInfo engine;
    /** Digits cut to 300 train and 100 test rows: the checkpoints' evaluation passes dominate a tiny zoo's time. */
    private static final TaskData DIGITS_SLICE = slice(DigitsDataset.load(), 300, 100);

    @BeforeAll
    static void start() {
        engine = TestEngine.start();
    }

    /** Largest variants of each family (deep, wide, pooled or flattened, several heads). */
    static List<Architecture> architectures(int patch) {
        return List.of(
                new Architecture(Family.MLP, 3, 20, "relu", true),
                new Architecture(Family.RESIDUAL_MLP, 2, 12, "gelu", false),
                new Architecture(Family.CNN, 3, 6, "relu", true, "max", "flatten", 1, 1),
                new Architecture(Family.CNN, 2, 5, "tanh", false, "none", "global_avg_pool", 1, 1),
                new Architecture(Family.CNN_BN, 2, 4, "gelu", false, "avg", "flatten", 1, 1),
                new Architecture(Family.RESIDUAL_CNN, 2, 4, "relu", true, "none", "global_avg_pool", 1, 1),
                new Architecture(Family.ATTENTION, 2, 16, "gelu", true, "none", "global_avg_pool", 4, patch));
    }

    @Test
    void everyFamilyBuildsAGraphWithExactlyTheDjlParameterCountOnDigitsAndMnistShapes() {
        DenseTrainer trainer = new DenseTrainer(engine, TrainingConfig.defaults());
        Set<Family> seen = EnumSet.noneOf(Family.class);
        for (int[] image : new int[][] {{8, 2}, {8, 4}, {28, 7}}) {
            for (Architecture arch : architectures(image[1])) {
                NetworkSpec spec = arch.spec(1, image[0], image[0], 10);
                try (DenseNetwork net = trainer.newNetwork(spec)) {
                    ParamGraph graph = GraphBuilder.withDefaults().build(spec, MapTensorSource.of(net.exportTensors()));
                    assertThat(graph.numParameters()).as(arch.toString()).isEqualTo(net.parameterCount()).isPositive();
                    assertThat(graph.numResidualEdges() > 0).as(arch.toString()).isEqualTo(RESIDUAL.contains(arch.family()));
                    seen.add(arch.family());
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(Family.values());
    }

    @Test
    void specInputsFollowTheTaskAndTheFamily() {
        int[][] shapes = {{1, 8, 8}, {1, 28, 28}};
        for (int[] s : shapes) {
            for (Architecture arch : architectures(s[1] == 8 ? 4 : 7)) {
                NetworkSpec spec = arch.spec(s[0], s[1], s[2], 10);
                InputLayout layout = spec.input().layout();
                switch (arch.family()) {
                    case MLP, RESIDUAL_MLP -> assertThat(spec.input().shape()).containsExactly(s[1] * s[2]);
                    case ATTENTION -> assertThat(spec.input().shape()).as("patches of 4 (digits) or 7 (MNIST): 4x4 tokens "
                            + "on MNIST, 2x2 on digits, pixels then one-hot position")
                            .containsExactly(s[1] == 8 ? 4 : 16, s[1] == 8 ? 16 + 4 : 49 + 16);
                    default -> assertThat(spec.input().shape()).containsExactly(s[0], s[1], s[2]);
                }
                assertThat(layout).isEqualTo(switch (arch.family()) {
                    case MLP, RESIDUAL_MLP -> InputLayout.FEATURES;
                    case ATTENTION -> InputLayout.SEQUENCE;
                    default -> InputLayout.CHANNELS_FIRST;
                });
            }
        }
    }

    @Test
    void aTinyZooOfEveryFamilyLoadsWithLabelsInZeroOneAndTrainsTheNewFamiliesDeterministically(
            @TempDir Path first, @TempDir Path second) throws IOException {
        ZooConfig config = ZooConfig.digits(60, 2026L, first).withCheckpointEpochs(List.of(1, 2)).withMaxBatchesPerEpoch(2);
        ZooGenerator generator = new ZooGenerator(engine, config, DIGITS_SLICE).withoutProgressBar();
        Map<Family, RunPlan> oneOfEach = oneOfEachFamily(generator.sampler(), 60);
        Map<Family, List<byte[]>> weights = new EnumMap<>(Family.class);
        for (RunPlan plan : oneOfEach.values()) {
            weights.put(plan.architecture().family(), weights(generator.runAndWrite(plan)));
        }

        ZooCheckpoints.Zoo zoo = ZooCheckpoints.loadZoo(first, GraphLimits.defaults());
        assertThat(zoo.runFiles()).isEqualTo(Family.values().length);
        assertThat(zoo.checkpoints().stream().map(LabelledCheckpoint::family).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(List.of(Family.values()).stream().map(Family::wireName).toList());
        for (LabelledCheckpoint c : zoo.checkpoints()) {
            assertThat(c.testAccuracy()).isBetween(0.0, 1.0);
            assertThat(c.trainAccuracy()).isBetween(0.0, 1.0);
            assertThat(c.graph().numParameters()).isEqualTo(c.tensors().values().stream().mapToLong(t -> t.size()).sum());
        }

        // Same seed and index: the same plan, and bit-identical weights at every checkpoint.
        ZooGenerator twin = new ZooGenerator(engine, ZooConfig.digits(60, 2026L, second).withCheckpointEpochs(List.of(1, 2))
                .withMaxBatchesPerEpoch(2), DIGITS_SLICE).withoutProgressBar();
        for (Family family : NEW) {
            RunPlan plan = oneOfEach.get(family);
            assertThat(twin.sampler().plan(plan.runIndex())).isEqualTo(plan);
            List<byte[]> again = weights(twin.runAndWrite(twin.sampler().plan(plan.runIndex())));
            assertThat(again).as(family.wireName()).hasSameSizeAs(weights.get(family));
            for (int i = 0; i < again.size(); i++) {
                assertThat(again.get(i)).as(family.wireName() + " checkpoint " + i).isEqualTo(weights.get(family).get(i));
            }
        }
    }

    @Test
    void aTinyMnistZooTrainsEveryFamilyOnTheImageShapesOfMnist(@TempDir Path dir) throws IOException {
        Path mnist = TestEngine.repoRoot().resolve("../shared/data/mnist").normalize();
        assumeTrue(Files.isRegularFile(mnist.resolve(MnistDataset.TRAIN_IMAGES)), "MNIST not found at " + mnist);
        TaskData full = MnistDataset.load(mnist);
        // A slice keeps the test fast; the zoo code paths are those of the full task.
        TaskData slice = slice(full, 150, 50);
        ZooConfig config = ZooConfig.mnist(mnist, 12, 7L, dir).withCheckpointEpochs(List.of(1, 2)).withMaxBatchesPerEpoch(1);
        ZooGenerator generator = new ZooGenerator(engine, config, slice).withoutProgressBar();
        for (RunPlan plan : oneOfEachFamily(generator.sampler(), 200).values()) {
            if (plan.architecture().family() == Family.ATTENTION) {
                assertThat(plan.architecture().patch()).isEqualTo(7);
            }
            generator.runAndWrite(plan);
        }
        ZooCheckpoints.Zoo zoo = ZooCheckpoints.loadZoo(dir, GraphLimits.defaults());
        assertThat(zoo.runFiles()).isEqualTo(Family.values().length);
        zoo.checkpoints().forEach(c -> assertThat(c.testAccuracy()).isBetween(0.0, 1.0));
    }

    @Test
    void mnistNeedsADataFolderHoldingItsFiles(@TempDir Path empty) {
        assertThatThrownBy(() -> new ZooConfig(ZooTask.MNIST, null, 1, 1L, List.of(1, 2), empty, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mnist").hasMessageContaining("--data");
        assertThatThrownBy(() -> ZooTask.MNIST.checkData(empty)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(empty.toString()).hasMessageContaining("missing").hasMessageContaining(MnistDataset.TEST_LABELS);
        assertThat(ZooTask.parse("mnist")).isEqualTo(ZooTask.MNIST);
        ZooTask.DIGITS.checkData(null);
    }

    private static TaskData slice(TaskData full, int train, int test) {
        return new TaskData(full.task(), RunData.head(full.train(), train), RunData.head(full.test(), test));
    }

    /** The first plan of each family among the first {@code limit} run indices. */
    private static Map<Family, RunPlan> oneOfEachFamily(RunSampler sampler, int limit) {
        Map<Family, RunPlan> plans = new EnumMap<>(Family.class);
        for (int i = 0; i < limit && plans.size() < Family.values().length; i++) {
            plans.putIfAbsent(sampler.plan(i).architecture().family(), sampler.plan(i));
        }
        assertThat(plans.keySet()).containsExactlyInAnyOrder(Family.values());
        return plans;
    }

    private static List<byte[]> weights(RunResult result) {
        List<byte[]> out = new ArrayList<>();
        for (Checkpoint c : result.checkpoints()) {
            ByteBuffer data = ((InlineWeights) c.getWeights()).getData().duplicate();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            out.add(bytes);
        }
        return out;
    }
}
