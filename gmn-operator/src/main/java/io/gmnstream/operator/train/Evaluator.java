package io.gmnstream.operator.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.gmnstream.operator.data.LabeledData;

/** Accuracy of a network on labeled data: the fraction of samples whose argmax logit is the label. */
final class Evaluator {
    /** Rows per forward pass: bounds memory on MNIST-sized sets. */
    static final int CHUNK = 1024;

    private Evaluator() {
    }

    static double accuracy(DenseNetwork network, LabeledData data) {
        SampleLayout layout = layout(network, data);
        int correct = 0;
        int n = data.size();
        for (int start = 0; start < n; start += CHUNK) {
            int end = Math.min(n, start + CHUNK);
            int[] indices = new int[end - start];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = start + i;
            }
            // Everything of this chunk, the forward temporaries included, dies with the sub-manager.
            try (NDManager chunk = network.manager().newSubManager()) {
                NDArray x = chunk.create(layout.rows(data, indices), layout.shape(indices.length));
                long[] predicted = network.forward(x, false).argMax(1).toLongArray();
                for (int i = 0; i < indices.length; i++) {
                    if (predicted[i] == data.labels()[start + i]) {
                        correct++;
                    }
                }
            }
        }
        return correct / (double) n;
    }

    /** How {@code data} feeds {@code network}; refuses data of another geometry or class count. */
    static SampleLayout layout(DenseNetwork network, LabeledData data) {
        if (data.numClasses() != network.outputWidth()) {
            throw new IllegalArgumentException(data.name() + " has " + data.numClasses() + " classes but the network outputs "
                    + network.outputWidth());
        }
        try {
            return SampleLayout.of(network.spec().input(), data);
        } catch (UnsupportedLayerException e) {
            throw new IllegalArgumentException(data.name() + " does not fit the network: " + e.getMessage(), e);
        }
    }
}
