package io.gmnstream.operator.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.gmnstream.operator.data.DigitsDataset;
import io.gmnstream.operator.data.LabeledData;
import io.gmnstream.operator.data.TaskData;
import io.gmnstream.operator.djl.TestEngine;
import io.gmnstream.paramgraph.GraphBuilder;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.tensor.MapTensorSource;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Networks the project's trainer really trains on digits, for tests of weight-space symmetries: train a
 * spec, build its graph, and compute the logits of any tensors loaded into the spec's network.
 */
final class DigitsRuns {
    private final TaskData digits = DigitsDataset.load();
    private final DenseTrainer trainer;

    DigitsRuns(TrainingConfig training) {
        this.trainer = new DenseTrainer(TestEngine.start(), training);
    }

    /** Trains {@code spec} on digits, checks that it learned, and returns its exported tensors by name. */
    Map<String, Tensor> train(NetworkSpec spec) {
        try (DenseNetwork network = trainer.newNetwork(spec)) {
            TrainingReport report = trainer.fit(network, digits);
            assertThat(report.testAccuracy()).as("%s learned digits", spec.layers().get(0).name()).isGreaterThan(0.5);
            return tensorsOf(network);
        }
    }

    /** The initialised, untrained tensors of {@code spec}. */
    Map<String, Tensor> initial(NetworkSpec spec) {
        try (DenseNetwork network = trainer.newNetwork(spec)) {
            return tensorsOf(network);
        }
    }

    /** Logits [test rows x classes] of {@code spec} with {@code tensors} loaded into a fresh DJL network. */
    float[] logits(NetworkSpec spec, Map<String, Tensor> tensors) {
        LabeledData test = digits.test();
        try (DenseNetwork network = trainer.newNetwork(spec)) {
            assertThat(network.parameters()).hasSize(tensors.size());
            for (BoundParameter p : network.parameters()) {
                p.parameter().getArray().set(tensors.get(p.tensorName()).values());
            }
            SampleLayout layout = SampleLayout.of(spec.input(), test);
            int[] rows = IntStream.range(0, test.size()).toArray();
            try (NDManager batch = network.manager().newSubManager()) {
                NDArray x = batch.create(layout.rows(test, rows), layout.shape(rows.length));
                return network.forward(x, false).toFloatArray();
            }
        }
    }

    private static Map<String, Tensor> tensorsOf(DenseNetwork network) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        network.exportTensors().forEach(t -> tensors.put(t.name(), t));
        return tensors;
    }

    static ParamGraph graph(NetworkSpec spec, Map<String, Tensor> tensors) {
        return GraphBuilder.withDefaults().build(spec, MapTensorSource.of(tensors.values()));
    }

    static float maxAbsDifference(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
