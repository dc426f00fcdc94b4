package io.gmnstream.operator.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
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

class EnsembleEvaluationTest {

    @Test
    void theMeanOfTwoModelsIsEvaluatedWithEachOnesGapScaleAndTheirSpread(@TempDir Path zooDir, @TempDir Path models)
            throws IOException {
        assertThat(TinyZoo.generate(zooDir, 4).failedRunIds()).isEmpty();
        List<LabelledCheckpoint> test = ZooCheckpoints.loadZoo(zooDir, GraphLimits.defaults()).checkpoints();
        GmnConfig config = GmnConfig.builder().hidden(8).layers(1).headHidden(8).build();
        try (GmnModel a = GmnModel.create(config, 1); GmnModel b = GmnModel.create(config, 2)) {
            b.save(models.resolve("b"), Map.of(GmnFitter.GAP_MEAN, "0.1", GmnFitter.GAP_STD, "3"));
            try (GmnModel scaled = GmnModel.load(models.resolve("b"))) {
                EvalReport alone = GmnFitter.evaluate(a, test, "t", 5);
                EvalReport other = GmnFitter.evaluate(scaled, test, "t", 5);

                EnsembleEvaluation.Report both = EnsembleEvaluation.evaluate(List.of(a, scaled), test, "t", 5);

                double[] mean = both.mean().predictedAccuracy();
                assertThat(mean).hasSize(test.size());
                double widest = 0;
                for (int i = 0; i < mean.length; i++) {
                    double pa = alone.predictedAccuracy()[i];
                    double pb = other.predictedAccuracy()[i];
                    assertThat(mean[i]).isCloseTo((pa + pb) / 2, within(1e-9));
                    assertThat(both.mean().predictedGap()[i])
                            .isCloseTo((alone.predictedGap()[i] + other.predictedGap()[i]) / 2, within(1e-9));
                    assertThat(both.accuracySpread()[i]).isCloseTo(Math.abs(pa - pb), within(1e-9));
                    widest = Math.max(widest, Math.abs(pa - pb));
                }
                assertThat(widest).as("differently initialised models disagree").isPositive();
                assertThat(both.mean().accuracy().n()).isEqualTo(test.size());
                assertThat(both.mean().accuracy().mae())
                        .isCloseTo(Metrics.mae(mean, test.stream().mapToDouble(LabelledCheckpoint::testAccuracy).toArray()),
                                within(1e-12));
                assertThat(EnsembleEvaluation.evaluate(List.of(a), test, "t", 5).accuracySpread()).containsOnly(0.0);
            }
        }
    }
}
