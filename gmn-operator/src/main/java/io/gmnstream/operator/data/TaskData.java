package io.gmnstream.operator.data;

import java.util.Objects;

/** A task's fixed train/test split. Both parts share the sample geometry and the classes. */
public record TaskData(String task, LabeledData train, LabeledData test) {
    public TaskData {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (train.sampleSize() != test.sampleSize() || train.numClasses() != test.numClasses()) {
            throw new IllegalArgumentException(task + ": train and test differ in sample size or classes");
        }
    }
}
