package io.gmnstream.operator.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gmnstream.operator.djl.TestEngine;
import io.gmnstream.operator.gmn.GmnConfig;
import io.gmnstream.operator.gmn.GmnModel;
import io.gmnstream.operator.gmn.UnsupportedModelVersionException;
import io.gmnstream.operator.learn.GmnFitter;
import io.gmnstream.paramgraph.ParamGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScorerTest {
    private static final GmnConfig CONFIG = GmnConfig.builder().hidden(16).layers(2).headHidden(16).build();

    @TempDir
    static Path temp;
    private static Path plainModel;

    @BeforeAll
    static void saveModel() throws IOException {
        TestEngine.start();
        plainModel = temp.resolve("plain-gmn");
        try (GmnModel model = GmnModel.create(CONFIG, 11)) {
            model.save(plainModel, Map.of());
        }
    }

    private static List<ParamGraph> mixedGraphs() {
        Random rnd = new Random(5);
        List<ParamGraph> graphs = new ArrayList<>();
        int[][] shapes = {{64, 32, 10}, {8, 5, 3}, {64, 64, 10}, {16, 16, 16, 4}, {8, 5, 3}, {64, 32, 10}, {12, 7, 2}};
        for (int[] widths : shapes) {
            graphs.add(RandomMlps.mlp(rnd, widths));
        }
        return graphs;
    }

    private static void assertSameScore(GraphScore expected, GraphScore actual, float tolerance) {
        assertEquals(expected.predictedTestAccuracy(), actual.predictedTestAccuracy(), tolerance);
        assertEquals(expected.predictedGeneralizationGap(), actual.predictedGeneralizationGap(), tolerance);
    }

    @Test
    void batchedScoresEqualOneByOneScores() throws IOException {
        List<ParamGraph> graphs = mixedGraphs();
        try (Scorer batched = Scorer.load(plainModel, new BatchBounds(3, 6000));
             Scorer single = Scorer.load(plainModel, new BatchBounds(1, Long.MAX_VALUE))) {
            List<GraphScore> together = batched.score(graphs);

            assertEquals(graphs.size(), together.size());
            for (int i = 0; i < graphs.size(); i++) {
                GraphScore alone = single.score(graphs.get(i));
                assertSameScore(alone, together.get(i), 1e-5f);
                assertEquals(graphs.get(i).numEdges(), together.get(i).edges());
                assertEquals(graphs.get(i).numNodes(), together.get(i).nodes());
                float acc = together.get(i).predictedTestAccuracy();
                assertTrue(acc >= 0f && acc <= 1f, "accuracy " + acc);
            }
        }
    }

    @Test
    void everyForwardPassStaysWithinTheBounds() throws IOException {
        List<ParamGraph> graphs = mixedGraphs();
        BatchBounds bounds = new BatchBounds(2, 5000);
        List<BatchListener.BatchStats> passes = new ArrayList<>();
        try (Scorer scorer = Scorer.load(plainModel, bounds)) {
            scorer.score(graphs, passes::add);
        }

        assertTrue(passes.size() >= graphs.size() / 2, "passes " + passes);
        int graphsSeen = 0;
        long edgesSeen = 0;
        for (BatchListener.BatchStats pass : passes) {
            assertTrue(pass.graphs() >= 1 && pass.graphs() <= bounds.maxGraphs(), pass.toString());
            // A graph above the edge bound (64-64-10 has 4,810 edges; two of them would not fit) goes alone.
            assertTrue(pass.edges() <= bounds.maxEdges() || pass.graphs() == 1, pass.toString());
            assertTrue(pass.buildNanos() > 0 && pass.forwardNanos() > 0, pass.toString());
            graphsSeen += pass.graphs();
            edgesSeen += pass.edges();
        }
        assertEquals(graphs.size(), graphsSeen);
        assertEquals(graphs.stream().mapToLong(ParamGraph::numEdges).sum(), edgesSeen);
    }

    @Test
    void workersSideBySideScoreAsOneModelDoesAndReportEveryPart() throws IOException {
        List<ParamGraph> graphs = mixedGraphs();
        List<BatchListener.BatchStats> passes = new ArrayList<>();
        try (Scorer one = Scorer.load(plainModel, new BatchBounds(4, Long.MAX_VALUE));
             Scorer three = Scorer.load(plainModel, new BatchBounds(4, Long.MAX_VALUE), 3)) {
            List<GraphScore> expected = one.score(graphs);
            List<GraphScore> actual = three.score(graphs, passes::add);

            assertEquals(3, three.workers());
            assertEquals(graphs.size(), actual.size());
            for (int i = 0; i < graphs.size(); i++) {
                assertSameScore(expected.get(i), actual.get(i), 1e-5f);
                assertEquals(graphs.get(i).numEdges(), actual.get(i).edges());
            }
        }
        // Slices of 4 and 3 graphs, each split three ways: six passes, every graph in exactly one.
        assertEquals(6, passes.size(), passes.toString());
        assertEquals(graphs.size(), passes.stream().mapToInt(BatchListener.BatchStats::graphs).sum());
        assertEquals(graphs.stream().mapToLong(ParamGraph::numEdges).sum(),
                passes.stream().mapToLong(BatchListener.BatchStats::edges).sum());
    }

    @Test
    void aLargeGraphScoredAloneWithWorkersScoresTheSameAndLeavesTheCallersThreadCountAsItWas() throws IOException {
        ParamGraph large = RandomMlps.mlp(new Random(3), 256, 256, 10);
        assertTrue(large.numEdges() >= Scorer.WIDEN_MIN_EDGES, "edges " + large.numEdges());
        int threadsBefore = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        try (Scorer one = Scorer.load(plainModel, BatchBounds.DEFAULT);
             Scorer two = Scorer.load(plainModel, BatchBounds.DEFAULT, 2)) {
            assertSameScore(one.score(large), two.score(large), 1e-5f);
        }
        assertEquals(threadsBefore, ai.djl.pytorch.jni.JniUtils.getNumThreads());
    }

    @Test
    void aPartThatFailsFailsTheCallAndLeavesTheWorkersUsable() throws IOException {
        List<ParamGraph> graphs = new ArrayList<>(mixedGraphs().subList(0, 4));
        ParamGraph g = graphs.get(3);
        byte[] badTypes = g.edgeType().clone();
        badTypes[0] = 120;
        graphs.set(3, new ParamGraph(g.nodeType(), g.nodeLayer(), g.nodePosition(), g.edgeSource(), g.edgeTarget(),
                g.edgeValue(), g.edgeLayer(), badTypes, g.edgePosition(), g.numParameters(), g.numResidualEdges(),
                g.layers()));
        try (Scorer scorer = Scorer.load(plainModel, new BatchBounds(4, Long.MAX_VALUE), 2)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scorer.score(graphs));
            assertTrue(e.getMessage().contains("edge type code 120"), e.getMessage());

            assertEquals(3, scorer.score(graphs.subList(0, 3)).size());
        }
    }

    @Test
    void nonFiniteWeightsAreZeroedAndGiveAFiniteScore() throws IOException {
        ParamGraph healthy = RandomMlps.mlp(new Random(9), 64, 32, 10);
        float[] values = healthy.edgeValue().clone();
        int[] broken = {0, 17, values.length - 1};
        values[broken[0]] = Float.NaN;
        values[broken[1]] = Float.POSITIVE_INFINITY;
        values[broken[2]] = Float.NEGATIVE_INFINITY;
        float[] zeroedValues = values.clone();
        for (int i : broken) {
            zeroedValues[i] = 0f;
        }
        try (Scorer scorer = Scorer.load(plainModel, BatchBounds.DEFAULT)) {
            List<GraphScore> scores = scorer.score(List.of(withValues(healthy, values), healthy));
            GraphScore diverged = scores.get(0);

            assertTrue(Float.isFinite(diverged.predictedTestAccuracy()), diverged.toString());
            assertTrue(Float.isFinite(diverged.predictedGeneralizationGap()), diverged.toString());
            assertEquals(3, diverged.nonFiniteValues());
            assertEquals(0, scores.get(1).nonFiniteValues());
            assertSameScore(scorer.score(withValues(healthy, zeroedValues)), diverged, 1e-6f);
        }
    }

    @Test
    void gapIsUnscaledWithTheModelsGapScale() throws IOException {
        Path scaled = temp.resolve("scaled-gmn");
        try (GmnModel model = GmnModel.load(plainModel)) {
            model.save(scaled, Map.of(GmnFitter.GAP_MEAN, "0.25", GmnFitter.GAP_STD, "4.0"));
        }
        List<ParamGraph> graphs = mixedGraphs();
        try (Scorer raw = Scorer.load(plainModel, BatchBounds.DEFAULT);
             Scorer unscaled = Scorer.load(scaled, BatchBounds.DEFAULT)) {
            List<GraphScore> a = raw.score(graphs);
            List<GraphScore> b = unscaled.score(graphs);
            for (int i = 0; i < graphs.size(); i++) {
                assertEquals(a.get(i).predictedTestAccuracy(), b.get(i).predictedTestAccuracy(), 1e-6f);
                assertEquals(a.get(i).predictedGeneralizationGap() * 4.0f + 0.25f, b.get(i).predictedGeneralizationGap(), 1e-5f);
            }
        }
    }

    @Test
    void versionIsFolderNameAndParameterHashUnlessTheModelNamesOne() throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(plainModel.resolve("parameters.bin"))));
        try (Scorer scorer = Scorer.load(plainModel, BatchBounds.DEFAULT)) {
            assertEquals("plain-gmn@" + sha.substring(0, 12), scorer.modelVersion());
            assertEquals("plain-gmn@" + sha.substring(0, 12), scorer.score(RandomMlps.mlp(new Random(1), 8, 5, 3)).modelVersion());
        }

        Path named = temp.resolve("named-gmn");
        try (GmnModel model = GmnModel.load(plainModel)) {
            model.save(named, Map.of(ModelVersion.METADATA_KEY, "digits-gmn-2026.11"));
        }
        try (Scorer scorer = Scorer.load(named, BatchBounds.DEFAULT)) {
            assertEquals("digits-gmn-2026.11", scorer.modelVersion());
        }
    }

    @Test
    void aFolderWithMembersScoresTheirMeanWithTheSpreadOfTheirAccuracies() throws Exception {
        Path ensemble = temp.resolve("ensemble-gmn");
        Path second = temp.resolve("second-gmn");
        Map<String, String> scaledGap = Map.of(GmnFitter.GAP_MEAN, "0.25", GmnFitter.GAP_STD, "4.0");
        try (GmnModel main = GmnModel.load(plainModel); GmnModel other = GmnModel.create(CONFIG, 12)) {
            main.save(ensemble, Map.of());
            other.save(second, scaledGap);
            other.save(ensemble.resolve(ModelEnsemble.MEMBERS_DIR).resolve("second"), scaledGap);
        }
        List<ParamGraph> graphs = mixedGraphs();
        String version;
        try (Scorer alone = Scorer.load(plainModel, BatchBounds.DEFAULT);
             Scorer member = Scorer.load(second, BatchBounds.DEFAULT);
             Scorer both = Scorer.load(ensemble, BatchBounds.DEFAULT, 2)) {
            assertEquals(1, alone.ensembleSize());
            assertEquals(2, both.ensembleSize());
            List<GraphScore> a = alone.score(graphs);
            List<GraphScore> b = member.score(graphs);
            List<GraphScore> mean = both.score(graphs);
            float widest = 0;
            for (int i = 0; i < graphs.size(); i++) {
                GraphScore m = mean.get(i);
                float spread = Math.abs(a.get(i).predictedTestAccuracy() - b.get(i).predictedTestAccuracy());
                assertEquals((a.get(i).predictedTestAccuracy() + b.get(i).predictedTestAccuracy()) / 2, m.predictedTestAccuracy(), 1e-6f);
                // Each member's gap is unscaled with its own scale before the mean.
                assertEquals((a.get(i).predictedGeneralizationGap() + b.get(i).predictedGeneralizationGap()) / 2,
                        m.predictedGeneralizationGap(), 1e-5f);
                assertEquals(spread, m.accuracySpread(), 1e-6f);
                assertEquals(2, m.ensembleSize());
                assertEquals(spread >= ModelEnsemble.DISAGREEMENT, m.membersDisagree());
                assertEquals(0f, a.get(i).accuracySpread());
                assertFalse(a.get(i).membersDisagree());
                widest = Math.max(widest, spread);
            }
            assertTrue(widest > 1e-3f, "two differently initialised models disagree somewhere: " + widest);
            version = both.modelVersion();
            assertTrue(version.startsWith("ensemble-gmn@"), version);
            assertNotEquals(alone.modelVersion().replace("plain-gmn", "ensemble-gmn"), version,
                    "the members are part of the version");
        }

        // A changed member changes the version.
        try (GmnModel third = GmnModel.create(CONFIG, 13)) {
            third.save(ensemble.resolve(ModelEnsemble.MEMBERS_DIR).resolve("second"), scaledGap);
        }
        try (Scorer changed = Scorer.load(ensemble, BatchBounds.DEFAULT)) {
            assertNotEquals(version, changed.modelVersion());
        }
    }

    @Test
    void refusesAnUnknownFormatVersion() throws IOException {
        Path future = temp.resolve("future-gmn");
        try (GmnModel model = GmnModel.load(plainModel)) {
            model.save(future, Map.of());
        }
        Files.writeString(future.resolve("VERSION"), "99\n");

        UnsupportedModelVersionException e = assertThrows(UnsupportedModelVersionException.class,
                () -> Scorer.load(future, BatchBounds.DEFAULT));
        assertEquals("99", e.version());
    }

    @Test
    void refusesUnreadableScoringMetadata() throws IOException {
        Path bad = temp.resolve("bad-meta-gmn");
        try (GmnModel model = GmnModel.load(plainModel)) {
            model.save(bad, Map.of(GmnFitter.GAP_STD, "wide"));
        }

        IOException e = assertThrows(IOException.class, () -> Scorer.load(bad, BatchBounds.DEFAULT));
        assertTrue(e.getMessage().contains(GmnFitter.GAP_STD), e.getMessage());
    }

    @Test
    void noGraphsNoScores() throws IOException {
        try (Scorer scorer = Scorer.load(plainModel, BatchBounds.DEFAULT)) {
            assertTrue(scorer.score(List.of()).isEmpty());
        }
    }

    private static ParamGraph withValues(ParamGraph g, float[] values) {
        return new ParamGraph(g.nodeType(), g.nodeLayer(), g.nodePosition(), g.edgeSource(), g.edgeTarget(), values,
                g.edgeLayer(), g.edgeType(), g.edgePosition(), g.numParameters(), g.numResidualEdges(), g.layers());
    }
}
