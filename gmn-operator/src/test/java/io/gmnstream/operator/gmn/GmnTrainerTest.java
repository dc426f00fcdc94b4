package io.gmnstream.operator.gmn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gmnstream.operator.djl.TestEngine;
import io.gmnstream.paramgraph.ParamGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GmnTrainerTest {
    private static final GmnConfig CONFIG = GmnConfig.builder().hidden(16).layers(2).headHidden(32).build();

    @BeforeAll
    static void start() {
        TestEngine.start();
    }

    /** Small MLPs of varied width and scale; targets are a smooth function of the weight norm. */
    private static List<ParamGraph> zoo(int count, float[] targets, long seed) {
        Random rnd = new Random(seed);
        List<ParamGraph> graphs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int hidden = 3 + rnd.nextInt(6);
            float scale = (float) Math.pow(10, -1.5 + 2 * rnd.nextDouble());
            float[][] t = TestNets.mlpTensors(rnd, 6, hidden, 3, scale);
            double sq = 0;
            int n = 0;
            for (float[] a : t) {
                for (float v : a) {
                    sq += v * v;
                    n++;
                }
            }
            double rms = Math.sqrt(sq / n);
            targets[2 * i] = (float) (1 / (1 + rms));
            targets[2 * i + 1] = (float) (0.5 * rms / (1 + rms));
            graphs.add(TestNets.mlpGraph(6, hidden, 3, t));
        }
        return graphs;
    }

    @Test
    void trainingLowersTheLossAndDoesNotLeak() {
        float[] targets = new float[80];
        List<ParamGraph> graphs = zoo(40, targets, 11);
        try (GmnModel model = GmnModel.create(CONFIG, 3); GraphBatch batch = model.batch(graphs)) {
            GmnTrainer trainer = new GmnTrainer(model, GmnLoss.MSE, 3e-3f, 1f);
            float initial = trainer.loss(batch, targets);
            trainer.step(batch, targets); // Adam state is created on the first step
            int modelArrays = model.manager().getManagedArrays().size();
            int batchArrays = batch.manager().getManagedArrays().size();
            for (int s = 1; s < 60; s++) {
                trainer.step(batch, targets);
            }
            assertEquals(modelArrays, model.manager().getManagedArrays().size(), "arrays leaked into the model manager");
            assertEquals(batchArrays, batch.manager().getManagedArrays().size(), "arrays leaked into the batch manager");
            float last = trainer.loss(batch, targets);
            System.out.printf("GMN training smoke: MSE %.5f -> %.5f after 60 steps%n", initial, last);
            assertTrue(last < 0.5f * initial, "loss " + initial + " -> " + last);
        }
    }

    @Test
    void huberLossTrainsToo() {
        float[] targets = new float[20];
        List<ParamGraph> graphs = zoo(10, targets, 12);
        try (GmnModel model = GmnModel.create(CONFIG, 4); GraphBatch batch = model.batch(graphs)) {
            GmnTrainer trainer = new GmnTrainer(model, GmnLoss.HUBER, 3e-3f, 0.1f);
            float initial = trainer.loss(batch, targets);
            for (int s = 0; s < 20; s++) {
                trainer.step(batch, targets);
            }
            assertTrue(trainer.loss(batch, targets) < initial);
        }
    }

    @Test
    void gcBetweenForwardAndBackwardLeavesGradientsIntact() {
        float[] targets = new float[8];
        List<ParamGraph> graphs = zoo(4, targets, 13);
        graphs.add(TestNets.cnnGraph(TestNets.cnnTensors(new Random(1))));
        targets = java.util.Arrays.copyOf(targets, 10);
        targets[8] = 0.8f;
        targets[9] = 0.05f;
        try (GmnModel model = GmnModel.create(CONFIG, 5); GraphBatch batch = model.batch(graphs)) {
            GmnTrainer trainer = new GmnTrainer(model, GmnLoss.HUBER, 1e-3f, 0.5f);
            float[][] plain = trainer.gradients(batch, targets, null);
            float[][] withGc = trainer.gradients(batch, targets, TestEngine::collectGarbage);
            // Zeroed after each call, so the second call does not see the first one's gradients.
            float[][] again = trainer.gradients(batch, targets, null);
            double norm = 0;
            for (int i = 0; i < plain.length; i++) {
                for (float g : withGc[i]) {
                    assertTrue(Float.isFinite(g), "non-finite gradient in parameter " + i);
                    norm += g * g;
                }
                assertArrayEquals(plain[i], withGc[i], 1e-6f, "parameter " + i);
                assertArrayEquals(plain[i], again[i], 1e-6f, "parameter " + i + " (accumulated?)");
            }
            assertTrue(norm > 0, "gradients are all zero");
        }
    }
}
