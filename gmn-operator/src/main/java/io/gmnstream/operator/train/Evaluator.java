package io.gmnstream.operator.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gmnstream.operator.data.LabeledData;

/** Accuracy of a network on labeled data: the fraction of samples whose argmax logit is the label. */
final class Evaluator {
    /** Rows per forward pass: bounds memory on MNIST-sized sets. */
    static final int CHUNK = 1024;

    private Evaluator() {
    }

    static double accuracy(DenseNetwork network, LabeledData data) {
        checkWidth(network, data);
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
                NDArray x = chunk.create(data.gatherFeatures(indices), new Shape(indices.length, data.sampleSize()));
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

    static void checkWidth(DenseNetwork network, LabeledData data) {
        if (data.sampleSize() != network.inputWidth()) {
            throw new IllegalArgumentException(data.name() + " has " + data.sampleSize() + " features per sample but the network takes "
                    + network.inputWidth());
        }
        if (data.numClasses() != network.outputWidth()) {
            throw new IllegalArgumentException(data.name() + " has " + data.numClasses() + " classes but the network outputs "
                    + network.outputWidth());
        }
    }
}
