package io.gmnstream.operator.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.operator.djl.EngineInfo;
import io.gmnstream.operator.djl.TestEngine;
import io.gmnstream.operator.train.OptimizerKind;
import io.gmnstream.paramgraph.GraphBuilder;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.spec.NetworkSpecJson;
import io.gmnstream.paramgraph.tensor.SafetensorsReader;
import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.InlineWeights;
import io.gmnstream.schemas.avro.NativeLayerSpec;
import io.gmnstream.schemas.avro.RunManifest;
import io.gmnstream.schemas.checkpoint.CheckpointFileReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooGeneratorTest {
    private static EngineInfo engine;

    @BeforeAll
    static void start() {
        engine = TestEngine.start();
    }

    /** Tiny on purpose: 2 checkpoint epochs of at most 4 batches each. */
    private static ZooConfig tiny(Path dir, int runs) {
        return ZooConfig.digits(runs, 2026L, dir).withCheckpointEpochs(List.of(1, 2)).withMaxBatchesPerEpoch(4);
    }

    @Test
    void shouldWriteOneReadableFilePerRunWhoseCheckpointsBuildGraphsAndResumeOnlyTheMissingRun(@TempDir Path dir)
            throws IOException {
        ZooConfig config = tiny(dir, 4);
        ZooReport first = new ZooGenerator(engine, config).withoutProgressBar().generate();

        assertThat(first.runsTrained()).isEqualTo(4);
        assertThat(first.failedRunIds()).isEmpty();
        assertThat(first.checkpointsWritten()).isGreaterThanOrEqualTo(8);
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".avro")).count()).isEqualTo(4);
        }
        ZooGenerator generator = new ZooGenerator(engine, config).withoutProgressBar();
        List<List<byte[]>> before = new ArrayList<>();
        Set<String> families = new java.util.HashSet<>();
        for (int i = 0; i < 4; i++) {
            before.add(checkAndReadWeights(generator.runFile(i), i, families));
        }

        Files.delete(generator.runFile(2));
        Files.writeString(dir.resolve(generator.sampler().runId(1) + ".avro.tmp"), "an interrupted write");
        ZooReport resumed = generator.generate();

        assertThat(resumed.runsSkipped()).isEqualTo(3);
        assertThat(resumed.runsTrained()).isEqualTo(1);
        List<byte[]> again = checkAndReadWeights(generator.runFile(2), 2, families);
        assertThat(again).hasSameSizeAs(before.get(2));
        for (int c = 0; c < again.size(); c++) {
            assertThat(again.get(c)).as("checkpoint %d of run 2", c).isEqualTo(before.get(2).get(c));
        }
    }

    @Test
    void shouldRecordADivergedRunWithItsCheckpointInsteadOfFailing(@TempDir Path dir) throws IOException {
        ZooGenerator generator = new ZooGenerator(engine, tiny(dir, 1).withMaxBatchesPerEpoch(0)).withoutProgressBar();
        RunPlan base = generator.sampler().plan(0);
        RunPlan explosive = new RunPlan(0, base.runId(), base.seed(), new Architecture(Family.MLP, 4, 128, "relu", false),
                OptimizerKind.SGD, 10f, 0.9f, 0f, 0f, 16, 2, 4f, 1f, 0f);

        RunResult result = generator.runAndWrite(explosive);

        assertThat(result.diverged()).isTrue();
        assertThat(result.checkpoints()).isNotEmpty();
        try (CheckpointFileReader reader = CheckpointFileReader.open(generator.runFile(0))) {
            List<Checkpoint> all = reader.readAll();
            Checkpoint last = all.get(all.size() - 1);
            assertThat(last.getMetrics().get(ZooMetrics.DIVERGED)).isEqualTo(1.0);
            assertThat(last.getMetrics().get(ZooMetrics.TEST_ACCURACY)).isBetween(0.0, 1.0);
            assertThat(Double.isFinite(last.getMetrics().get(ZooMetrics.TRAIN_LOSS))).isFalse();
        }
    }

    /** Checks a run file and returns the safetensors bytes of each checkpoint. */
    private static List<byte[]> checkAndReadWeights(Path file, int runIndex, Set<String> families) throws IOException {
        List<byte[]> weights = new ArrayList<>();
        try (CheckpointFileReader reader = CheckpointFileReader.open(file)) {
            RunManifest manifest = reader.manifest();
            assertThat(manifest.getTask()).isEqualTo("digits-8x8");
            assertThat(manifest.getTags()).containsEntry("run_index", Integer.toString(runIndex))
                    .containsEntry("zoo_seed", "2026").containsKey("family");
            assertThat(manifest.getHyperparameters()).containsKeys("learning_rate", "optimizer", "batch_size", "epochs",
                    "weight_decay", "dropout", "init_scale", "train_fraction", "label_noise", "activation", "width", "seed");
            families.add(manifest.getTags().get("family"));
            NetworkSpec spec = NetworkSpecJson.parse(((NativeLayerSpec) manifest.getArchitecture()).getSpecJson());
            List<Checkpoint> checkpoints = reader.readAll();
            assertThat(checkpoints).isNotEmpty();
            for (Checkpoint c : checkpoints) {
                ByteBuffer data = ((InlineWeights) c.getWeights()).getData().duplicate();
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                weights.add(bytes);
                ParamGraph graph = GraphBuilder.withDefaults().build(spec, new SafetensorsReader().read(bytes));
                assertThat(graph.numEdges()).isEqualTo(graph.numParameters() + graph.numResidualEdges());
                boolean residual = Set.of("residual_mlp", "residual_cnn", "attention").contains(manifest.getTags().get("family"));
                assertThat(graph.numResidualEdges() > 0).isEqualTo(residual);
                assertThat(c.getMetrics().get(ZooMetrics.TRAIN_ACCURACY)).isBetween(0.0, 1.0);
                assertThat(c.getMetrics().get(ZooMetrics.TEST_ACCURACY)).isBetween(0.0, 1.0);
                assertThat(c.getMetrics()).containsKeys(ZooMetrics.TRAIN_LOSS, ZooMetrics.EPOCH, ZooMetrics.STEP);
                assertThat(c.getEpoch()).isEqualTo(c.getMetrics().get(ZooMetrics.EPOCH).intValue());
            }
            List<Integer> epochs = checkpoints.stream().map(Checkpoint::getEpoch).collect(Collectors.toList());
            if (checkpoints.get(checkpoints.size() - 1).getMetrics().get(ZooMetrics.DIVERGED) == 0.0) {
                assertThat(epochs).containsExactly(1, 2);
            }
        }
        return weights;
    }
}
