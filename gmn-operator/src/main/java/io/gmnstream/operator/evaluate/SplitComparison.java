package io.gmnstream.operator.evaluate;

import io.gmnstream.operator.learn.GmnFitter.NonFinite;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every predictor scored on the same test checkpoints of one split.
 *
 * @param name                  the split's name ({@code by-run}, {@code ood})
 * @param description           how the model's split was made, e.g. {@code by-run test=0.200 seed=7}
 * @param modelZooHash          the hash of the zoo the model was trained on ("" when unknown)
 * @param modelTrainRuns        training runs the model lists
 * @param trainRuns             of those, the runs present in the evaluated zoo: excluded from the test
 *                              set, and the baselines' training data
 * @param modelTrainRunsMissing training runs of the model that the evaluated zoo does not have
 * @param testRuns              runs tested (every zoo run the model did not train on)
 * @param testRunIds            their ids, sorted
 * @param trainCheckpoints      checkpoints the baselines were fitted on (after the non-finite policy)
 * @param testCheckpoints       checkpoints every predictor was scored on (after the non-finite policy)
 * @param nonFinite             the model's non-finite policy, applied to every predictor's input
 * @param zeroedTrain           train checkpoints whose non-finite weights were zeroed
 * @param zeroedTest            test checkpoints whose non-finite weights were zeroed
 * @param excludedTrain         train checkpoints dropped for non-finite weights
 * @param excludedTest          test checkpoints dropped for non-finite weights
 * @param predictors            the GMN first, then the baselines
 * @param notes                 what could not be done and why (e.g. baselines with no training run in the zoo)
 */
public record SplitComparison(String name, String description, String modelZooHash, int modelTrainRuns, int trainRuns,
                              int modelTrainRunsMissing, int testRuns, List<String> testRunIds, int trainCheckpoints,
                              int testCheckpoints, NonFinite nonFinite, int zeroedTrain, int zeroedTest, int excludedTrain,
                              int excludedTest, List<PredictorReport> predictors, List<String> notes) {
    public SplitComparison {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(modelZooHash, "modelZooHash");
        Objects.requireNonNull(nonFinite, "nonFinite");
        testRunIds = List.copyOf(testRunIds);
        predictors = List.copyOf(predictors);
        notes = List.copyOf(notes);
    }

    /** The predictor of that name, if it was scored. */
    public Optional<PredictorReport> predictor(String predictorName) {
        return predictors.stream().filter(p -> p.name().equals(predictorName)).findFirst();
    }
}
