package io.gmnstream.operator.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import io.gmnstream.operator.dataset.ZooCheckpoints;
import io.gmnstream.operator.djl.TestEngine;
import io.gmnstream.operator.gmn.GmnConfig;
import io.gmnstream.operator.gmn.GmnModel;
import io.gmnstream.operator.learn.GmnFitter;
import io.gmnstream.operator.score.ModelVersion;
import io.gmnstream.operator.service.KafkaStack;
import io.gmnstream.operator.zoo.ZooConfig;
import io.gmnstream.operator.zoo.ZooGenerator;
import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.RunOutcome;
import io.gmnstream.schemas.avro.RunStatus;
import io.gmnstream.schemas.graph.ParamGraphRecords;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole outcome loop on real (tiny) digits runs: graphs and outcomes go through an embedded
 * broker and registry, one round replaces a deliberately weak (untrained) current model with a
 * measurably better one, and a second round without new outcomes publishes nothing.
 */
class OutcomeLoopTest {
    /**
     * Fixed training settings, gap weight included: with six held-out runs the scenario (a weak model
     * replaced by a clearly better one) is only as stable as the training that makes the candidate.
     */
    private static final GmnFitter.Settings ROUND_SETTINGS = GmnFitter.Settings.defaults().withEpochs(40).withBatchSize(8)
            .withLearningRate(3e-3f).withGapWeight(1f);

    static final int RUNS = 36;
    static final GmnConfig GMN = GmnConfig.builder().hidden(16).layers(2).headHidden(32).build();

    @RegisterExtension static final KafkaStack stack = new KafkaStack();
    @TempDir static Path temp;

    @Test
    void shouldReplaceAWeakModelWithABetterOneAndPublishNothingWithoutNewOutcomes() throws Exception {
        Path zoo = temp.resolve("zoo");
        ZooConfig zooConfig = ZooConfig.digits(RUNS, 2027L, zoo).withCheckpointEpochs(List.of(1, 2))
                .withMaxBatchesPerEpoch(3);
        assertThat(new ZooGenerator(TestEngine.start(), zooConfig).withoutProgressBar().generate().failedRunIds()).isEmpty();
        List<LabelledCheckpoint> checkpoints = ZooCheckpoints.load(zoo, GraphLimits.defaults());
        publish(checkpoints);

        Path modelDir = temp.resolve("model");
        try (GmnModel weak = GmnModel.create(GMN, 11)) {
            weak.save(modelDir, Map.of("note", "untrained: the weak current model"));
        }
        String weakVersion = version(modelDir);
        OutcomeTrainer trainer = new OutcomeTrainer(new OutcomeTrainer.Config(GMN,
                ROUND_SETTINGS,
                new HeldOutRuns(0.3, 7), 10, PublishRule.defaults(), OutcomeTrainer.Start.SCRATCH));

        OutcomeJoiner.Result joined = read();
        assertThat(joined.examples()).hasSize(RUNS);
        OutcomeTrainer.Round first = trainer.round(joined.examples(), OutcomeTrainer.BaseExamples.none(), modelDir);

        System.out.print("round 1: " + first.summary());
        assertThat(first.status()).as(first.summary()).isEqualTo(OutcomeTrainer.Status.PUBLISHED);
        assertThat(first.heldOutRuns()).isGreaterThanOrEqualTo(5);
        assertThat(first.candidate().mae()).as(first.summary()).isLessThan(first.current().mae() - 0.02);
        assertThat(version(modelDir)).isNotEqualTo(weakVersion);
        try (GmnModel published = GmnModel.load(modelDir)) {
            assertThat(published.metadata()).containsEntry(OutcomeTrainer.EXAMPLES, Integer.toString(RUNS))
                    .containsKeys("outcomes.heldOut.candidate.mae", "outcomes.heldOut.previous.mae", OutcomeTrainer.FINGERPRINT);
            // Re-evaluated from disk, the published model keeps the figures it was published with.
            HeldOutRuns heldOut = new HeldOutRuns(0.3, 7);
            double mae = GmnFitter.evaluate(published, heldOut.split(joined.examples()).get(1), "again", 8).accuracy().mae();
            assertThat(mae).isCloseTo(first.candidate().mae(), org.assertj.core.api.Assertions.within(1e-4));
        }

        String publishedVersion = version(modelDir);
        OutcomeTrainer.Round second = new OutcomeTrainer(new OutcomeTrainer.Config(GMN,
                ROUND_SETTINGS,
                new HeldOutRuns(0.3, 7), 10, PublishRule.defaults(), OutcomeTrainer.Start.SCRATCH))
                .round(read().examples(), OutcomeTrainer.BaseExamples.none(), modelDir);
        assertThat(second.status()).as(second.summary()).isEqualTo(OutcomeTrainer.Status.SKIPPED);
        assertThat(second.reason()).contains("no new outcomes");
        assertThat(version(modelDir)).isEqualTo(publishedVersion);
    }

    private static OutcomeJoiner.Result read() {
        OutcomeJoiner joiner = new OutcomeJoiner(1000);
        OutcomeReader.ReadStats stats = new OutcomeReader(OutcomeReader.Config.defaults(stack.bootstrapServers()),
                stack.registryClient()).readInto(joiner);
        assertThat(stats.outcomeRecords()).isEqualTo(RUNS);
        return joiner.result();
    }

    private static String version(Path modelDir) throws Exception {
        return ModelVersion.of(modelDir, Map.of());
    }

    /** Every checkpoint's graph to gmn.graphs, then each run's outcome (its last checkpoint's accuracies). */
    private static void publish(List<LabelledCheckpoint> checkpoints) {
        Map<String, LabelledCheckpoint> last = new LinkedHashMap<>();
        Instant now = Instant.now();
        for (LabelledCheckpoint c : checkpoints) {
            stack.publishGraph(ParamGraphRecords.toRecord(c.graph()).setRunId(c.runId())
                    .setStep(c.step()).setTask("digits").setBuilderVersion("test").setCheckpointCreatedAtMillis(now)
                    .setBuiltAtMillis(now).setBuildMillis(1.0)
                    .setMetrics(Map.of("test_accuracy", c.testAccuracy(), "train_accuracy", c.trainAccuracy()))
                    .build());
            last.merge(c.runId(), c, (a, b) -> b.step() > a.step() ? b : a);
        }
        for (LabelledCheckpoint c : last.values()) {
            stack.publish(Topics.RUN_OUTCOMES.name(), c.runId(), RunOutcome.newBuilder().setRunId(c.runId())
                    .setTask("digits").setStatus(RunStatus.COMPLETED).setFinalTestAccuracy(c.testAccuracy())
                    .setFinalTrainAccuracy(c.trainAccuracy()).setFinalStep(c.step()).setReportedAtMillis(now).build());
        }
    }
}
