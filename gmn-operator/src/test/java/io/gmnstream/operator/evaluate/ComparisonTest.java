package io.gmnstream.operator.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmnstream.operator.baselines.BaselineModel;
import io.gmnstream.operator.baselines.BaselinePrediction;
import io.gmnstream.operator.dataset.LabelledCheckpoint;
import io.gmnstream.operator.learn.GmnFitter.NonFinite;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    /** Remembers what it was fitted on; predicts accuracy from the first weight, a constant gap. */
    static final class RecordingBaseline implements BaselineModel {
        final List<LabelledCheckpoint> fittedOn = new ArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void fit(List<LabelledCheckpoint> train) {
            fittedOn.clear();
            fittedOn.addAll(train);
        }

        @Override
        public BaselinePrediction predict(LabelledCheckpoint c) {
            if (fittedOn.isEmpty()) {
                throw new IllegalStateException("predict before fit");
            }
            return new BaselinePrediction(c.tensors().get("fc.weight").values()[0], 0.02);
        }
    }

    /** A stand-in for the trained GMN: the true labels plus a small offset. */
    static final class Oracle implements Predictor {
        final List<LabelledCheckpoint> seen = new ArrayList<>();

        @Override
        public String name() {
            return "gmn";
        }

        @Override
        public Predictions predict(List<LabelledCheckpoint> checkpoints) {
            seen.addAll(checkpoints);
            double[] acc = checkpoints.stream().mapToDouble(c -> c.testAccuracy() + 0.01).toArray();
            double[] gap = checkpoints.stream().mapToDouble(c -> c.generalizationGap() - 0.01).toArray();
            return new Predictions(acc, gap);
        }
    }

    /** An ensemble stand-in: the oracle's predictions, with its members 0.2 apart on mlp checkpoints only. */
    static final class SplitOracle implements Predictor {
        @Override
        public String name() {
            return "gmn";
        }

        @Override
        public Predictions predict(List<LabelledCheckpoint> checkpoints) {
            Predictions p = new Oracle().predict(checkpoints);
            double[] spread = checkpoints.stream().mapToDouble(c -> c.family().equals("mlp") ? 0.2 : 0.0).toArray();
            return new Predictions(p.accuracy(), p.gap(), spread);
        }
    }

    private final Set<String> modelTrainRuns = Set.of("run-0000", "run-0001", "run-0002", "run-0003", "run-0004", "run-0005");

    @Test
    void shouldFitBaselinesOnTrainRunsOnlyAndScoreEveryPredictorOnTheSameTestRuns() {
        List<LabelledCheckpoint> zoo = new ArrayList<>(Checkpoints.zoo(10));
        zoo.add(Checkpoints.of("run-0001", "mlp", 3, 0.1, Float.NaN, 1f, 1f));
        HeldOutSplit split = HeldOutSplit.of(zoo, modelTrainRuns);
        RecordingBaseline baseline = new RecordingBaseline();
        Oracle gmn = new Oracle();
        List<String> log = new ArrayList<>();

        SplitComparison result = new Comparison(NonFinite.ZERO, List.<Supplier<BaselineModel>>of(() -> baseline))
                .withLog(log::add).run("by-run", "by-run test=0.4 seed=7", "abc", split, List.of(gmn));

        Set<String> fittedRuns = new TreeSet<>();
        baseline.fittedOn.forEach(c -> fittedRuns.add(c.runId()));
        assertThat(fittedRuns).isEqualTo(new TreeSet<>(modelTrainRuns));
        assertThat(baseline.fittedOn).hasSize(13).allMatch(c -> Float.isFinite(c.tensors().get("fc.weight").values()[0]));
        assertThat(gmn.seen).hasSize(8).noneMatch(c -> modelTrainRuns.contains(c.runId()));
        assertThat(result.testRunIds()).containsExactly("run-0006", "run-0007", "run-0008", "run-0009");
        assertThat(result.trainRuns()).isEqualTo(6);
        assertThat(result.trainCheckpoints()).isEqualTo(13);
        assertThat(result.testCheckpoints()).isEqualTo(8);
        assertThat(result.zeroedTrain()).isEqualTo(1);
        assertThat(result.predictors()).extracting(PredictorReport::name).containsExactly("gmn", "recording");
        assertThat(log).hasSize(1).first().asString().contains("recording fitted on 13 checkpoints of 6 runs");

        PredictorReport g = result.predictor("gmn").orElseThrow();
        assertThat(g.report().accuracy().n()).isEqualTo(8);
        assertThat(g.report().accuracy().kendallTau()).isEqualTo(1.0);
        assertThat(g.report().accuracy().mae()).isCloseTo(0.01, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(g.report().accuracyByFamily()).containsOnlyKeys("mlp", "residual_mlp");
        assertThat(g.report().accuracyByFamily().get("mlp").n()).isEqualTo(4);
        assertThat(g.report().gapByFamily()).containsOnlyKeys("mlp", "residual_mlp");
    }

    @Test
    void shouldReportAnEnsemblesAccuracyWhereItsMembersAgreeAndWhereTheyDoNot() throws Exception {
        HeldOutSplit split = HeldOutSplit.of(Checkpoints.zoo(10), modelTrainRuns);
        SplitComparison s = new Comparison(NonFinite.ZERO, List.<Supplier<BaselineModel>>of(RecordingBaseline::new))
                .run("by-run", "by-run test=0.4 seed=7", "abc", split, List.of(new SplitOracle()));

        PredictorReport gmn = s.predictor("gmn").orElseThrow();
        assertThat(gmn.accuracyByAgreement()).containsOnlyKeys(PredictorReport.AGREE, PredictorReport.DISAGREE);
        assertThat(gmn.accuracyByAgreement().get(PredictorReport.DISAGREE).n())
                .isEqualTo(gmn.report().accuracyByFamily().get("mlp").n());
        assertThat(s.predictor("recording").orElseThrow().accuracyByAgreement()).isEmpty();

        ComparisonReport report = new ComparisonReport("abc", 10, 20, "digits-gmn@0123456789ab", "2", List.of(s));
        assertThat(ComparisonMarkdown.render(report)).contains(
                "| gmn | test accuracy | members disagree (spread >= 0.10) | 4 |",
                "| gmn | test accuracy | members agree (spread < 0.10) | 4 |");
        JsonNode agreement = new ObjectMapper().readTree(ComparisonJson.toJsonString(report))
                .get("splits").get(0).get("predictors").get(0).get("accuracyByAgreement");
        assertThat(agreement.get(PredictorReport.DISAGREE).get("n").asInt()).isEqualTo(4);
    }

    @Test
    void shouldRenderAStableJsonShapeWithNullForUndefinedFigures() throws Exception {
        HeldOutSplit split = HeldOutSplit.of(Checkpoints.zoo(10), modelTrainRuns);
        SplitComparison s = new Comparison(NonFinite.ZERO, List.<Supplier<BaselineModel>>of(RecordingBaseline::new))
                .run("by-run", "by-run test=0.4 seed=7", "abc", split, List.of(new Oracle()));
        ComparisonReport report = new ComparisonReport("abc", 10, 20, "digits-gmn@0123456789ab", "2", List.of(s));

        JsonNode root = new ObjectMapper().readTree(ComparisonJson.toJsonString(report));

        assertThat(root.get("zooHash").asText()).isEqualTo("abc");
        assertThat(root.get("modelVersion").asText()).isEqualTo("digits-gmn@0123456789ab");
        assertThat(root.get("modelFormat").asText()).isEqualTo("2");
        JsonNode split0 = root.get("splits").get(0);
        assertThat(split0.get("name").asText()).isEqualTo("by-run");
        assertThat(split0.get("sameZoo").asBoolean()).isTrue();
        assertThat(split0.get("trainRuns").asInt()).isEqualTo(6);
        assertThat(split0.get("testRuns").asInt()).isEqualTo(4);
        assertThat(split0.get("testCheckpoints").asInt()).isEqualTo(8);
        assertThat(split0.get("nonFinite").get("policy").asText()).isEqualTo("ZERO");
        JsonNode gmn = split0.get("predictors").get(0);
        assertThat(gmn.get("name").asText()).isEqualTo("gmn");
        JsonNode all = gmn.get("accuracy").get("all");
        assertThat(all.get("n").asInt()).isEqualTo(8);
        assertThat(all.get("kendallTau").isNumber()).isTrue();
        assertThat(all.has("r2")).isTrue();
        assertThat(all.has("mae")).isTrue();
        List<String> families = new ArrayList<>();
        gmn.get("accuracy").get("byFamily").fieldNames().forEachRemaining(families::add);
        assertThat(families).containsExactly("mlp", "residual_mlp");
        assertThat(gmn.get("gap").get("byFamily").has("mlp")).isTrue();
        // The recording baseline predicts a constant gap: its tau is undefined.
        JsonNode recordingGap = split0.get("predictors").get(1).get("gap").get("all");
        assertThat(recordingGap.get("kendallTau").isNull()).isTrue();
        assertThat(recordingGap.get("mae").isNumber()).isTrue();

        assertThat(ComparisonText.render(report)).contains("split by-run", "gmn", "recording", "test accuracy",
                "generalisation gap", "residual_mlp", "n/a");
        assertThat(ComparisonMarkdown.render(report)).contains("### Split by-run", "| predictor | n | accuracy tau",
                "| gmn | test accuracy | all | 8 | 1.000 |");
    }

    @Test
    void shouldRefuseWhenEveryRunOfTheZooWasTrainedOn() {
        HeldOutSplit split = HeldOutSplit.of(Checkpoints.zoo(3), Set.of("run-0000", "run-0001", "run-0002"));
        Comparison comparison = new Comparison(NonFinite.ZERO, List.of());

        assertThatThrownBy(() -> comparison.run("by-run", "d", "h", split, List.of(new Oracle())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing to test")
                .hasMessageContaining("all 3 runs");
    }

    @Test
    void shouldScoreTheGmnButNotFitBaselinesWhenNoTrainingRunIsInTheZoo() {
        HeldOutSplit split = HeldOutSplit.of(Checkpoints.zoo(3), Set.of("elsewhere"));
        RecordingBaseline baseline = new RecordingBaseline();

        SplitComparison s = new Comparison(NonFinite.ZERO, List.<Supplier<BaselineModel>>of(() -> baseline))
                .run("by-run", "d", "h", split, List.of(new Oracle()));

        assertThat(s.predictors()).extracting(PredictorReport::name).containsExactly("gmn");
        assertThat(s.notes()).singleElement().asString().contains("baselines not fitted");
        assertThat(baseline.fittedOn).isEmpty();
    }
}
