package io.gmnstream.operator.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import io.gmnstream.paramgraph.ParamGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSettingsBaselineTest {
    private static final ParamGraph GRAPH = new ParamGraph(new byte[] {0, 0}, new short[] {0, 1}, new int[] {0, 0},
            new int[] {0}, new int[] {1}, new float[] {0.5f}, new short[] {0}, new byte[] {0}, new short[3], 1, 0, List.of());

    private static LabelledCheckpoint checkpoint(String runId, int epoch, double test, double train) {
        return new LabelledCheckpoint(runId, "mlp", 0, epoch * 10L, epoch, GRAPH, Map.of(), test, train, train - test,
                false, true, 8);
    }

    @Test
    void learnsTheAccuracyThatTheRecipeDecidesFromNumbersAndCategories() {
        Map<String, Map<String, String>> settings = new HashMap<>();
        List<LabelledCheckpoint> train = new ArrayList<>();
        for (int r = 0; r < 80; r++) {
            String run = "run-" + r;
            boolean adam = r % 2 == 0;
            double lr = 0.001 * (1 + r % 5);
            settings.put(run, Map.of("optimizer", adam ? "adam" : "sgd", "learning_rate", Double.toString(lr),
                    "seed", Integer.toString(r)));
            train.add(checkpoint(run, 1, (adam ? 0.5 : 0.1) + 50 * lr, 0.9));
        }
        settings.put("test-adam", Map.of("optimizer", "adam", "learning_rate", "0.005", "seed", "999"));
        settings.put("test-sgd", Map.of("optimizer", "sgd", "learning_rate", "0.001", "seed", "998"));
        RunSettingsBaseline reference = new RunSettingsBaseline(settings, false);
        reference.fit(train);

        assertThat(reference.predict(checkpoint("test-adam", 1, 0, 0.9)).testAccuracy()).isCloseTo(0.75, within(0.03));
        assertThat(reference.predict(checkpoint("test-sgd", 1, 0, 0.9)).testAccuracy()).isCloseTo(0.15, within(0.03));
        assertThat(reference.name()).isEqualTo("ref-settings").startsWith(RunSettingsBaseline.NAME_PREFIX);
    }

    @Test
    void leavesTheSeedOutSoRunsThatDifferOnlyBySeedGetOnePrediction() {
        Map<String, Map<String, String>> settings = new HashMap<>();
        List<LabelledCheckpoint> train = new ArrayList<>();
        for (int r = 0; r < 60; r++) {
            String run = "run-" + r;
            settings.put(run, Map.of("optimizer", "adam", "seed", Integer.toString(r)));
            train.add(checkpoint(run, 1, r / 60.0, 0.9));
        }
        settings.put("low-seed", Map.of("optimizer", "adam", "seed", "1"));
        settings.put("high-seed", Map.of("optimizer", "adam", "seed", "59"));
        RunSettingsBaseline reference = new RunSettingsBaseline(settings, false);
        reference.fit(train);

        double low = reference.predict(checkpoint("low-seed", 1, 0, 0.9)).testAccuracy();
        assertThat(reference.predict(checkpoint("high-seed", 1, 0, 0.9)).testAccuracy()).isEqualTo(low);
        assertThat(low).isCloseTo(0.49, within(0.05));
    }

    @Test
    void withTrainAccuracyFollowsTheMeasuredFitThatTheSettingsCannotTell() {
        Map<String, Map<String, String>> settings = new HashMap<>();
        List<LabelledCheckpoint> train = new ArrayList<>();
        for (int r = 0; r < 60; r++) {
            String run = "run-" + r;
            settings.put(run, Map.of("optimizer", "adam"));
            double fit = 0.2 + 0.7 * r / 60.0;
            train.add(checkpoint(run, 1, fit - 0.05, fit));
        }
        RunSettingsBaseline settingsOnly = new RunSettingsBaseline(settings, false);
        RunSettingsBaseline withFit = new RunSettingsBaseline(settings, true);
        settingsOnly.fit(train);
        withFit.fit(train);
        // An unknown run: every setting absent, which must not break prediction.
        LabelledCheckpoint poor = checkpoint("unknown-a", 1, 0, 0.3);
        LabelledCheckpoint good = checkpoint("unknown-b", 1, 0, 0.85);

        assertThat(settingsOnly.predict(poor).testAccuracy()).isEqualTo(settingsOnly.predict(good).testAccuracy());
        assertThat(withFit.predict(poor).testAccuracy()).isCloseTo(0.25, within(0.05));
        assertThat(withFit.predict(good).testAccuracy()).isCloseTo(0.80, within(0.05));
        assertThat(withFit.name()).isEqualTo("ref-settings+train-acc");
    }
}
