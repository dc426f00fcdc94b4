package io.gmnstream.operator.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import io.gmnstream.operator.dataset.RunSplit;
import io.gmnstream.operator.dataset.TinyZoo;
import io.gmnstream.operator.dataset.ZooCheckpoints;
import io.gmnstream.operator.gmn.GmnConfig;
import io.gmnstream.operator.gmn.GmnModel;
import io.gmnstream.paramgraph.GraphLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GmnFitterTest {

    @Test
    void shouldFitOnTrainRunsLowerTheLossEvaluateOnTestRunsAndSaveTheFigures(@TempDir Path zooDir, @TempDir Path modelDir)
            throws IOException {
        assertThat(TinyZoo.generate(zooDir, 8).failedRunIds()).isEmpty();
        ZooCheckpoints.Zoo zoo = ZooCheckpoints.loadZoo(zooDir, GraphLimits.defaults());
        RunSplit split = RunSplit.byRun(zoo.checkpoints(), 0.25, 3L);
        assertThat(split.trainRuns()).doesNotContainAnyElementsOf(split.testRuns());

        GmnConfig config = GmnConfig.builder().hidden(16).layers(2).headHidden(32).build();
        GmnFitter.Settings settings = GmnFitter.Settings.defaults().withEpochs(10).withMaxSteps(24).withBatchSize(4)
                .withLearningRate(3e-3f).withStandardizeGap(true);
        try (GmnFitter.Fit fit = new GmnFitter(config, settings).fit(split.train())) {
            assertThat(fit.steps()).isEqualTo(24);
            assertThat(fit.stepLosses()).hasSize(24);
            assertThat(fit.finalTrainLoss()).isLessThan(fit.initialTrainLoss());

            EvalReport report = GmnFitter.evaluate(fit, split.test(), split.description());
            assertThat(report.accuracy().n()).isEqualTo(split.test().size());
            assertThat(report.accuracy().mae()).isFinite().isBetween(0.0, 1.0);
            assertThat(report.accuracy().r2()).isFinite();
            assertThat(report.gap().mae()).isFinite();
            assertThat(report.accuracyByFamily().keySet())
                    .isEqualTo(split.test().stream().map(LabelledCheckpoint::family).collect(java.util.stream.Collectors.toSet()));
            for (double p : report.predictedAccuracy()) {
                assertThat(p).isBetween(0.0, 1.0);
            }
            assertThat(report.summary()).contains("test accuracy", "tau=");

            GmnFitter.save(fit, modelDir, zoo.hash(), Map.of("byRun", report));
            try (GmnModel loaded = GmnModel.load(modelDir)) {
                assertThat(loaded.metadata()).containsEntry("zoo.hash", zoo.hash())
                        .containsEntry("train.batchSize", "4").containsEntry("train.steps", "24")
                        .containsKeys("eval.byRun.accuracy.tau", "eval.byRun.accuracy.r2", "eval.byRun.gap.mae",
                                GmnFitter.GAP_MEAN, GmnFitter.GAP_STD);
                EvalReport again = GmnFitter.evaluate(loaded, split.test(), split.description(), 5);
                for (int i = 0; i < again.predictedAccuracy().length; i++) {
                    assertThat(again.predictedAccuracy()[i]).isCloseTo(report.predictedAccuracy()[i], within(1e-5));
                    assertThat(again.predictedGap()[i]).isCloseTo(report.predictedGap()[i], within(1e-5));
                }
            }
        }
    }

    @Test
    void shouldFineTuneASavedModelFromItsWeightsAndKeepItsGapScale(@TempDir Path zooDir, @TempDir Path modelDir)
            throws IOException {
        List<LabelledCheckpoint> all = tinyZoo(zooDir, 6);
        GmnConfig saved = GmnConfig.builder().hidden(16).layers(1).headHidden(16).build();
        GmnFitter.Settings settings = GmnFitter.Settings.defaults().withEpochs(5).withMaxSteps(12).withBatchSize(4)
                .withLearningRate(3e-3f).withStandardizeGap(true);
        float savedFinalLoss;
        try (GmnFitter.Fit fit = new GmnFitter(saved, settings).fit(all)) {
            savedFinalLoss = fit.finalTrainLoss();
            GmnFitter.save(fit, modelDir, "zoo", Map.of());
        }
        Map<String, String> savedMeta;
        try (GmnModel loaded = GmnModel.load(modelDir)) {
            savedMeta = loaded.metadata();
        }

        // A fitter shaped differently: fine-tuning uses the saved model's own shape.
        GmnConfig other = GmnConfig.builder().hidden(32).layers(2).build();
        try (GmnFitter.Fit tuned = new GmnFitter(other, settings.withSeed(99)).fineTune(modelDir, all)) {
            assertThat(tuned.model().config()).isEqualTo(saved);
            // It starts where the saved model ended, not from a fresh initialisation, and goes on improving.
            assertThat(tuned.initialTrainLoss()).isCloseTo(savedFinalLoss, within(1e-3f));
            assertThat(tuned.finalTrainLoss()).isLessThan(tuned.initialTrainLoss());
            assertThat(tuned.toMetadata()).containsEntry(GmnFitter.GAP_MEAN, savedMeta.get(GmnFitter.GAP_MEAN))
                    .containsEntry(GmnFitter.GAP_STD, savedMeta.get(GmnFitter.GAP_STD));
        }
    }

    @Test
    void theGapWeightDecidesHowMuchTheGapCountsInTheLossAndIsSaved(@TempDir Path zooDir, @TempDir Path modelDir)
            throws IOException {
        List<LabelledCheckpoint> all = tinyZoo(zooDir, 4);
        GmnConfig config = GmnConfig.builder().hidden(16).layers(1).headHidden(16).build();
        GmnFitter.Settings base = GmnFitter.Settings.defaults().withEpochs(1).withMaxSteps(1).withBatchSize(4);
        assertThat(base.gapWeight()).isEqualTo(GmnFitter.DEFAULT_GAP_WEIGHT);

        float[] initial = new float[3];
        float[] weights = {0f, 1f, 2f};
        for (int i = 0; i < weights.length; i++) {
            try (GmnFitter.Fit fit = new GmnFitter(config, base.withGapWeight(weights[i])).fit(all)) {
                initial[i] = fit.initialTrainLoss();
                if (i == 1) {
                    GmnFitter.save(fit, modelDir, "zoo", Map.of());
                }
            }
        }
        // Same initial model (same seed): the loss is accuracy term + weight x gap term, linear in the weight.
        assertThat(initial[1]).isGreaterThan(initial[0]);
        assertThat(initial[2] - initial[1]).isCloseTo(initial[1] - initial[0], within(1e-4f));
        try (GmnModel loaded = GmnModel.load(modelDir)) {
            assertThat(loaded.metadata()).containsEntry("train.gapWeight", "1.0");
        }
        assertThatThrownBy(() -> base.withGapWeight(-0.5f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gapWeight");
        assertThatThrownBy(() -> base.withGapWeight(Float.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gapWeight");
    }

    @Test
    void symmetryAugmentationRescalesTrainingGraphsReproduciblyAndIsSaved(@TempDir Path zooDir, @TempDir Path modelDir)
            throws IOException {
        List<LabelledCheckpoint> all = tinyZoo(zooDir, 6);
        assertThat(all).as("the tiny zoo has networks with rescalable units")
                .anyMatch(c -> !FunctionSymmetries.of(c.graph()).isEmpty());
        GmnConfig config = GmnConfig.builder().hidden(16).layers(1).headHidden(16).build();
        GmnFitter.Settings plain = GmnFitter.Settings.defaults().withEpochs(2).withMaxSteps(6).withBatchSize(4);
        GmnFitter.Settings augmented = plain.withSymmetryLogSpread(0.5f);

        float[] plainLosses;
        float[] augmentedLosses;
        float augmentedInitial;
        try (GmnFitter.Fit fit = new GmnFitter(config, plain).fit(all)) {
            plainLosses = fit.stepLosses();
            augmentedInitial = fit.initialTrainLoss();
        }
        try (GmnFitter.Fit fit = new GmnFitter(config, augmented).fit(all)) {
            augmentedLosses = fit.stepLosses();
            // The initial loss is taken on the graphs as they are: the same model, the same figure.
            assertThat(fit.initialTrainLoss()).isEqualTo(augmentedInitial);
            GmnFitter.save(fit, modelDir, "zoo", Map.of());
        }
        try (GmnFitter.Fit again = new GmnFitter(config, augmented).fit(all)) {
            assertThat(again.stepLosses()).as("seeded: the same rescalings").containsExactly(augmentedLosses);
        }
        assertThat(augmentedLosses).as("the steps see rescaled graphs").isNotEqualTo(plainLosses);
        try (GmnModel loaded = GmnModel.load(modelDir)) {
            assertThat(loaded.metadata()).containsEntry("train.symmetryLogSpread", "0.5");
        }
        assertThatThrownBy(() -> plain.withSymmetryLogSpread(-1f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symmetryLogSpread");
    }

    private static List<LabelledCheckpoint> tinyZoo(Path dir, int runs) throws IOException {
        assertThat(TinyZoo.generate(dir, runs).failedRunIds()).isEmpty();
        return ZooCheckpoints.loadZoo(dir, GraphLimits.defaults()).checkpoints();
    }

    @SuppressWarnings("unused")
    private static double meanAccuracy(List<LabelledCheckpoint> list) {
        return list.stream().mapToDouble(LabelledCheckpoint::testAccuracy).average().orElse(Double.NaN);
    }
}
