package io.gmnstream.operator.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import io.gmnstream.operator.dataset.RunSplit;
import io.gmnstream.operator.dataset.ZooCheckpoints;
import io.gmnstream.operator.djl.EngineInfo;
import io.gmnstream.operator.djl.TestEngine;
import io.gmnstream.operator.zoo.ZooConfig;
import io.gmnstream.operator.zoo.ZooGenerator;
import io.gmnstream.paramgraph.GraphLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselinesEndToEndTest {
    private static EngineInfo engine;

    @BeforeAll
    static void start() {
        engine = TestEngine.start();
    }

    @Test
    void shouldFitAndPredictOnATinyZooSplitByRun(@TempDir Path dir) throws IOException {
        ZooConfig config = ZooConfig.digits(6, 2026L, dir).withCheckpointEpochs(List.of(1, 2)).withMaxBatchesPerEpoch(4);
        new ZooGenerator(engine, config).withoutProgressBar().generate();
        List<LabelledCheckpoint> all = ZooCheckpoints.load(dir, GraphLimits.defaults());
        RunSplit split = RunSplit.byRun(all, 0.34, 7L);
        assertThat(split.train()).isNotEmpty();
        assertThat(split.test()).isNotEmpty();

        for (LabelledCheckpoint c : all) {
            assertThat(StatNnFeatures.of(c.graph(), c.tensors())).hasSize(StatNnFeatures.LENGTH);
            assertThat(NaiveFeatures.of(c.graph(), c.tensors())).hasSize(NaiveFeatures.LENGTH);
        }
        GbtConfig small = new GbtConfig(50, 3, 0.1, 1.0, 1, 16, 1L);
        List<BaselineModel> models = List.of(new StatNnBaseline(small), new NaiveBaseline(), NaiveBaseline.withTrees(small));
        for (BaselineModel model : models) {
            assertThatThrownBy(() -> model.predict(all.get(0))).isInstanceOf(IllegalStateException.class);
            model.fit(split.train());
            for (LabelledCheckpoint c : split.test()) {
                BaselinePrediction p = model.predict(c);
                assertThat(p.testAccuracy()).as(model.name()).isBetween(0.0, 1.0);
                assertThat(p.generalizationGap()).as(model.name()).isBetween(-1.0, 1.0);
            }
        }
        // With leaves of one row and no subsampling the trees must fit their training labels closely.
        BaselineModel statnn = models.get(0);
        double mean = split.train().stream().mapToDouble(LabelledCheckpoint::testAccuracy).average().orElseThrow();
        double sse = 0;
        double sst = 0;
        for (LabelledCheckpoint c : split.train()) {
            double e = c.testAccuracy() - statnn.predict(c).testAccuracy();
            sse += e * e;
            sst += (c.testAccuracy() - mean) * (c.testAccuracy() - mean);
        }
        assertThat(sse).isLessThanOrEqualTo(0.1 * sst + 1e-9);
    }
}
