package io.gmnstream.operator.zoo;

import io.gmnstream.operator.data.LabeledData;
import io.gmnstream.operator.data.TaskData;
import io.gmnstream.operator.train.Permutations;
import java.util.Arrays;
import java.util.Random;

/**
 * The data one run trains on: a seeded subset of the train split with a seeded fraction of its
 * labels replaced by a different class. The test split is never touched, so every run's test
 * accuracy is measured on the same rows (359 for digits, 10,000 for MNIST).
 */
final class RunData {
    private RunData() {
    }

    static TaskData forRun(TaskData base, RunPlan plan) {
        LabeledData train = base.train();
        Random random = new Random(plan.seed() ^ 0x5DEECE66DL);
        int n = Math.max(plan.batchSize(), Math.round(plan.trainFraction() * train.size()));
        n = Math.min(n, train.size());
        int[] order = Permutations.random(train.size(), random);
        int[] subset = Arrays.copyOf(order, n);
        // Keep file order inside the subset: the trainer shuffles anyway, and the subset reads naturally.
        Arrays.sort(subset);
        int[] labels = train.gatherLabels(subset);
        int noisy = Math.round(plan.labelNoise() * n);
        int[] flip = Permutations.random(n, random);
        for (int i = 0; i < noisy; i++) {
            int k = flip[i];
            // A different class, uniformly: noise that always changes the label.
            labels[k] = (labels[k] + 1 + random.nextInt(train.numClasses() - 1)) % train.numClasses();
        }
        LabeledData used = new LabeledData(train.name() + "[" + n + " rows, " + noisy + " noisy]", train.gatherFeatures(subset),
                labels, train.channels(), train.height(), train.width(), train.numClasses());
        return new TaskData(base.task(), used, base.test());
    }

    /** The first {@code rows} rows of {@code data} (all of it when it is not larger). */
    static LabeledData head(LabeledData data, int rows) {
        if (data.size() <= rows) {
            return data;
        }
        int[] first = new int[rows];
        for (int i = 0; i < rows; i++) {
            first[i] = i;
        }
        return new LabeledData(data.name() + "[first " + rows + "]", data.gatherFeatures(first), data.gatherLabels(first),
                data.channels(), data.height(), data.width(), data.numClasses());
    }
}
