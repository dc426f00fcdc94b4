package io.gmnstream.operator.gmn;

import io.gmnstream.operator.train.Permutations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gmnstream.operator.djl.TestEngine;
import io.gmnstream.paramgraph.ParamGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GmnModelTest {
    private static final GmnConfig CONFIG = GmnConfig.builder().hidden(16).layers(2).headHidden(32).build();
    private static GmnModel model;

    @BeforeAll
    static void start() {
        TestEngine.start();
        model = GmnModel.create(CONFIG, 7);
    }

    @AfterAll
    static void stop() {
        model.close();
    }

    private static GmnScore[] score(GmnModel m, List<ParamGraph> graphs) {
        try (GraphBatch batch = m.batch(graphs)) {
            return m.predict(batch);
        }
    }

    private static void assertSame(GmnScore a, GmnScore b, float tolerance) {
        assertEquals(a.predictedTestAccuracy(), b.predictedTestAccuracy(), tolerance);
        assertEquals(a.predictedGeneralizationGap(), b.predictedGeneralizationGap(), tolerance);
    }

    @Test
    void batchShapesAndRanges() {
        Random rnd = new Random(1);
        ParamGraph mlp = TestNets.mlpGraph(64, 32, 10, TestNets.mlpTensors(rnd, 64, 32, 10, 0.2f));
        ParamGraph cnn = TestNets.cnnGraph(TestNets.cnnTensors(rnd));
        try (GraphBatch batch = model.batch(List.of(mlp, cnn))) {
            assertEquals(2, batch.numGraphs());
            assertEquals(108 + 38, batch.numNodes());
            assertEquals(2410 + 1418, batch.numEdges());
            assertEquals(GraphBatch.NUM_INPUTS, batch.inputs().size());
            assertEquals(2, batch.inputs().get(GraphBatch.INCIDENCE).getShape().dimension());
            GmnScore[] scores = model.predict(batch);
            assertEquals(2, scores.length);
            for (GmnScore s : scores) {
                assertTrue(s.predictedTestAccuracy() >= 0f && s.predictedTestAccuracy() <= 1f, s.toString());
                assertTrue(Float.isFinite(s.predictedGeneralizationGap()), s.toString());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> model.batch(List.of()));
    }

    @Test
    void batchedScoresEqualSingleScores() {
        Random rnd = new Random(2);
        List<ParamGraph> graphs = List.of(
                TestNets.mlpGraph(64, 32, 10, TestNets.mlpTensors(rnd, 64, 32, 10, 0.2f)),
                TestNets.cnnGraph(TestNets.cnnTensors(rnd)),
                TestNets.mlpGraph(8, 5, 3, TestNets.mlpTensors(rnd, 8, 5, 3, 1f)));
        GmnScore[] together = score(model, graphs);
        for (int i = 0; i < graphs.size(); i++) {
            assertSame(together[i], score(model, List.of(graphs.get(i)))[0], 1e-5f);
        }
    }

    @Test
    void invariantToHiddenNeuronPermutationOfAnMlp() {
        Random rnd = new Random(3);
        float[][] t = TestNets.mlpTensors(rnd, 64, 32, 10, 0.2f);
        float[][] permuted = TestNets.permuteMlp(t, 64, 32, 10, Permutations.random(32, rnd));
        GmnScore[] s = score(model, List.of(TestNets.mlpGraph(64, 32, 10, t), TestNets.mlpGraph(64, 32, 10, permuted)));
        assertSame(s[0], s[1], 1e-5f);

        // Swapping two INPUT pixels is not a symmetry (input positions are meaningful): the score moves.
        float[][] swapped = TestNets.permuteMlp(t, 64, 32, 10, Permutations.random(32, new Random(0)));
        for (int h = 0; h < 32; h++) {
            float a = swapped[0][h * 64];
            swapped[0][h * 64] = swapped[0][h * 64 + 5];
            swapped[0][h * 64 + 5] = a;
        }
        GmnScore changed = score(model, List.of(TestNets.mlpGraph(64, 32, 10, swapped)))[0];
        assertTrue(Math.abs(changed.predictedTestAccuracy() - s[0].predictedTestAccuracy()) > 1e-6
                || Math.abs(changed.predictedGeneralizationGap() - s[0].predictedGeneralizationGap()) > 1e-6,
                "an input swap must change the score");
    }

    @Test
    void invariantToChannelPermutationOfACnn() {
        Random rnd = new Random(4);
        float[][] t = TestNets.cnnTensors(rnd);
        float[][] permuted = TestNets.permuteCnn(t, Permutations.random(8, rnd), Permutations.random(16, rnd));
        GmnScore[] s = score(model, List.of(TestNets.cnnGraph(t), TestNets.cnnGraph(permuted)));
        assertSame(s[0], s[1], 1e-5f);

        // Scaling one filter's weights changes the function: the score must move.
        float[][] changed = TestNets.permuteCnn(t, Permutations.random(8, rnd), Permutations.random(16, rnd));
        for (int k = 0; k < 9; k++) {
            changed[0][k] *= 3f;
        }
        GmnScore c = score(model, List.of(TestNets.cnnGraph(changed)))[0];
        assertTrue(Math.abs(c.predictedTestAccuracy() - s[0].predictedTestAccuracy()) > 1e-6
                || Math.abs(c.predictedGeneralizationGap() - s[0].predictedGeneralizationGap()) > 1e-6);
    }

    @Test
    void saveLoadRoundTripAndVersionCheck(@TempDir Path dir) throws IOException {
        Random rnd = new Random(5);
        List<ParamGraph> graphs = List.of(TestNets.cnnGraph(TestNets.cnnTensors(rnd)),
                TestNets.mlpGraph(64, 32, 10, TestNets.mlpTensors(rnd, 64, 32, 10, 0.2f)));
        GmnScore[] before = score(model, graphs);
        Path saved = dir.resolve("gmn");
        model.save(saved, Map.of("zooHash", "abc123"));
        try (GmnModel loaded = GmnModel.load(saved)) {
            assertEquals(CONFIG, loaded.config());
            assertEquals("abc123", loaded.metadata().get("zooHash"));
            assertEquals(model.parameterCount(), loaded.parameterCount());
            GmnScore[] after = score(loaded, graphs);
            for (int i = 0; i < before.length; i++) {
                assertEquals(before[i], after[i]);
            }
        }
        Files.writeString(saved.resolve(GmnModel.VERSION_FILE), "99\n");
        UnsupportedModelVersionException e = assertThrows(UnsupportedModelVersionException.class, () -> GmnModel.load(saved));
        assertTrue(e.getMessage().contains("'99'") && e.getMessage().contains("supports version " + GmnModel.FORMAT_VERSION), e.getMessage());
        assertThrows(IOException.class, () -> GmnModel.load(dir.resolve("missing")));
    }

    @Test
    void configIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> GmnConfig.builder().hidden(0).build());
        assertThrows(IllegalArgumentException.class, () -> GmnConfig.builder().layers(65).build());
    }
}
