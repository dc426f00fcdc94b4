package io.gmnstream.operator.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmnstream.operator.zoo.Family;
import io.gmnstream.paramgraph.GraphLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooCheckpointsTest {
    @TempDir
    static Path zooDir;
    private static ZooCheckpoints.Zoo zoo;

    @BeforeAll
    static void generate() throws IOException {
        assertThat(TinyZoo.generate(zooDir, 8).failedRunIds()).isEmpty();
        zoo = ZooCheckpoints.loadZoo(zooDir, GraphLimits.defaults());
    }

    @Test
    void shouldLoadEveryCheckpointWithConsistentLabelsSortedByRunAndStep() throws IOException {
        List<LabelledCheckpoint> all = zoo.checkpoints();
        assertThat(zoo.runFiles()).isEqualTo(8);
        assertThat(all.size()).isGreaterThanOrEqualTo(8);
        List<LabelledCheckpoint> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing(LabelledCheckpoint::runId).thenComparingLong(LabelledCheckpoint::step));
        assertThat(all).isEqualTo(sorted);
        Set<String> runs = new HashSet<>();
        for (LabelledCheckpoint c : all) {
            runs.add(c.runId());
            assertThat(c.family()).isIn(Arrays.stream(Family.values()).map(Family::wireName).toArray());
            assertThat(c.runIndex()).isBetween(0, 7);
            assertThat(c.testAccuracy()).isBetween(0.0, 1.0);
            assertThat(c.trainAccuracy()).isBetween(0.0, 1.0);
            assertThat(c.generalizationGap()).isEqualTo(c.trainAccuracy() - c.testAccuracy());
            assertThat(c.maxWidth()).isPositive();
            assertThat(c.graph().numParameters()).isEqualTo(c.tensors().values().stream().mapToLong(t -> t.size()).sum());
            assertThat(c.epoch()).isIn(1, 2);
        }
        assertThat(runs).hasSize(8);
        // Each run's declared settings come with it, for the references of eval.
        assertThat(zoo.runSettings().keySet()).isEqualTo(runs);
        zoo.runSettings().values().forEach(settings -> assertThat(settings).containsKeys("learning_rate", "optimizer", "seed"));
        // Same folder, same hash; the hash changes with the contents.
        assertThat(ZooCheckpoints.loadZoo(zooDir, GraphLimits.defaults()).hash()).isEqualTo(zoo.hash()).hasSize(64);
    }

    @Test
    void shouldSplitByRunWithDisjointRunIdsDeterministically() {
        List<LabelledCheckpoint> all = zoo.checkpoints();
        RunSplit split = RunSplit.byRun(all, 0.25, 7L);
        assertThat(split.testRuns()).hasSize(2);
        assertThat(split.trainRuns()).hasSize(6).doesNotContainAnyElementsOf(split.testRuns());
        assertThat(split.train().size() + split.test().size()).isEqualTo(all.size());
        split.train().forEach(c -> assertThat(split.trainRuns()).contains(c.runId()));
        split.test().forEach(c -> assertThat(split.testRuns()).contains(c.runId()));
        assertThat(RunSplit.byRun(all, 0.25, 7L).testRuns()).isEqualTo(split.testRuns());
        List<LabelledCheckpoint> reversed = new ArrayList<>(all);
        java.util.Collections.reverse(reversed);
        assertThat(RunSplit.byRun(reversed, 0.25, 7L).testRuns()).isEqualTo(split.testRuns());
        assertThatThrownBy(() -> RunSplit.byRun(all, 1.0, 7L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSplitOutOfDistributionByWidth() {
        List<LabelledCheckpoint> all = zoo.checkpoints();
        int threshold = RunSplit.widthQuantile(all, 0.3);
        RunSplit ood = RunSplit.outOfDistribution(all, threshold);
        assertThat(ood.trainRuns()).doesNotContainAnyElementsOf(ood.testRuns());
        ood.train().forEach(c -> assertThat(c.maxWidth()).isLessThanOrEqualTo(threshold));
        ood.test().forEach(c -> assertThat(c.maxWidth()).isGreaterThan(threshold));
        assertThat(ood.train()).isNotEmpty();
    }

    @Test
    void shouldRefuseAFolderWithoutRunFiles(@TempDir Path empty) throws IOException {
        Files.writeString(empty.resolve("notes.txt"), "nothing here");
        assertThatThrownBy(() -> ZooCheckpoints.load(empty, GraphLimits.defaults())).isInstanceOf(IOException.class)
                .hasMessageContaining("no run files");
    }
}
