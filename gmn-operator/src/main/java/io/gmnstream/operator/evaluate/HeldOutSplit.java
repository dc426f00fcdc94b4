package io.gmnstream.operator.evaluate;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The split a saved model implies on a zoo: the test side is every checkpoint whose run is NOT among
 * the model's training runs, so no test run was seen in training, even when the zoo is not the one
 * the model was trained on (run ids are compared as strings; a different run that happens to reuse a
 * training id is left out of the test set, which errs on the safe side). The train side is the
 * model's training runs found in this zoo: where the baselines are fitted.
 *
 * @param train                 checkpoints of the model's training runs present in the zoo
 * @param test                  every other checkpoint of the zoo
 * @param trainRuns             the model's training runs present in the zoo (excluded from the test set)
 * @param testRuns              the held-out runs
 * @param modelTrainRuns        how many training runs the model lists
 * @param modelTrainRunsMissing how many of those the zoo does not have
 */
public record HeldOutSplit(List<LabelledCheckpoint> train, List<LabelledCheckpoint> test, SortedSet<String> trainRuns,
                           SortedSet<String> testRuns, int modelTrainRuns, int modelTrainRunsMissing) {

    public HeldOutSplit {
        train = List.copyOf(train);
        test = List.copyOf(test);
        trainRuns = Collections.unmodifiableSortedSet(new TreeSet<>(trainRuns));
        testRuns = Collections.unmodifiableSortedSet(new TreeSet<>(testRuns));
        if (!Collections.disjoint(trainRuns, testRuns)) {
            throw new IllegalArgumentException("a run is on both sides of the split");
        }
    }

    /** Splits {@code zoo} by the model's training run ids. */
    public static HeldOutSplit of(List<LabelledCheckpoint> zoo, Set<String> modelTrainRuns) {
        Objects.requireNonNull(zoo, "zoo");
        Objects.requireNonNull(modelTrainRuns, "modelTrainRuns");
        List<LabelledCheckpoint> train = new ArrayList<>();
        List<LabelledCheckpoint> test = new ArrayList<>();
        SortedSet<String> trainRuns = new TreeSet<>();
        SortedSet<String> testRuns = new TreeSet<>();
        for (LabelledCheckpoint c : zoo) {
            if (modelTrainRuns.contains(c.runId())) {
                train.add(c);
                trainRuns.add(c.runId());
            } else {
                test.add(c);
                testRuns.add(c.runId());
            }
        }
        return new HeldOutSplit(train, test, trainRuns, testRuns, modelTrainRuns.size(),
                modelTrainRuns.size() - trainRuns.size());
    }
}
