package io.gmnstream.operator.evaluate;

import io.gmnstream.operator.baselines.BaselineModel;
import io.gmnstream.operator.dataset.LabelledCheckpoint;
import io.gmnstream.operator.learn.EvalReport;
import io.gmnstream.operator.learn.GmnFitter.NonFinite;
import io.gmnstream.operator.learn.Metrics;
import io.gmnstream.operator.score.ModelEnsemble;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Compares already trained predictors (the GMN) with baselines fitted here, on one {@link HeldOutSplit}:
 * the model's non-finite policy is applied to train and test checkpoints alike ({@link NonFiniteWeights}),
 * each baseline is fitted on the train side only, and every predictor is scored on the same test
 * checkpoints: Kendall tau, R^2 and MAE for test accuracy and generalisation gap, overall and per family.
 */
public final class Comparison {
    private final NonFinite policy;
    private final List<Supplier<BaselineModel>> baselines;
    private Consumer<String> log = s -> { };

    /**
     * @param policy    the evaluated model's non-finite policy (its {@code target.nonFinite} metadata)
     * @param baselines fresh baseline models, fitted in this order ({@link Baselines#standard()})
     */
    public Comparison(NonFinite policy, List<Supplier<BaselineModel>> baselines) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.baselines = List.copyOf(baselines);
    }

    /** Progress lines (one per baseline fit) go here; silent by default. */
    public Comparison withLog(Consumer<String> log) {
        this.log = Objects.requireNonNull(log, "log");
        return this;
    }

    /**
     * Scores {@code trained} and the baselines on {@code split}.
     *
     * @param name         the split's name
     * @param description  how the model's split was made
     * @param modelZooHash the zoo the model was trained on ("" when unknown)
     * @throws IllegalArgumentException when nothing is left to test
     */
    public SplitComparison run(String name, String description, String modelZooHash, HeldOutSplit split,
                               List<Predictor> trained) {
        if (split.test().isEmpty()) {
            throw new IllegalArgumentException("nothing to test for split " + name + ": all " + split.trainRuns().size()
                    + " runs of the zoo are among the model's training runs");
        }
        NonFiniteWeights.Applied train = NonFiniteWeights.apply(split.train(), policy);
        NonFiniteWeights.Applied test = NonFiniteWeights.apply(split.test(), policy);
        if (test.checkpoints().isEmpty()) {
            throw new IllegalArgumentException("nothing to test for split " + name + ": all " + test.excluded()
                    + " test checkpoints have non-finite weights and the model's policy excludes them");
        }
        List<PredictorReport> reports = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Predictor p : trained) {
            reports.add(score(p, test.checkpoints(), description));
        }
        if (train.checkpoints().isEmpty()) {
            // Fitting on anything else would break "the baselines see exactly the model's training runs".
            notes.add(split.train().isEmpty()
                    ? "baselines not fitted: none of the model's " + split.modelTrainRuns() + " training runs is in this zoo"
                    : "baselines not fitted: the policy excluded all " + train.excluded() + " training checkpoints");
        } else {
            for (Supplier<BaselineModel> make : baselines) {
                BaselineModel model = make.get();
                long start = System.nanoTime();
                BaselinePredictor fitted = BaselinePredictor.fit(model, train.checkpoints());
                reports.add(score(fitted, test.checkpoints(), description));
                log.accept(String.format(Locale.ROOT, "%s: %s fitted on %d checkpoints of %d runs and scored (%.1f s)",
                        name, model.name(), train.checkpoints().size(), split.trainRuns().size(),
                        (System.nanoTime() - start) / 1e9));
            }
        }
        return new SplitComparison(name, description, modelZooHash, split.modelTrainRuns(), split.trainRuns().size(),
                split.modelTrainRunsMissing(), split.testRuns().size(), List.copyOf(split.testRuns()),
                train.checkpoints().size(), test.checkpoints().size(), policy, train.zeroed(), test.zeroed(),
                train.excluded(), test.excluded(), reports, notes);
    }

    /** One predictor's figures on {@code test}. */
    static PredictorReport score(Predictor predictor, List<LabelledCheckpoint> test, String description) {
        Predictions p = predictor.predict(test);
        if (p.size() != test.size()) {
            throw new IllegalStateException(predictor.name() + " gave " + p.size() + " predictions for "
                    + test.size() + " checkpoints");
        }
        int n = test.size();
        double[] acc = new double[n];
        double[] gap = new double[n];
        List<String> families = new ArrayList<>(n);
        List<String> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            LabelledCheckpoint c = test.get(i);
            acc[i] = c.testAccuracy();
            gap[i] = c.generalizationGap();
            families.add(c.family());
            keys.add(c.key());
        }
        double[] predAcc = p.accuracy();
        double[] predGap = p.gap();
        EvalReport report = new EvalReport(description, Metrics.of(predAcc, acc), Metrics.of(predGap, gap),
                Metrics.byGroup(families, predAcc, acc), Metrics.byGroup(families, predGap, gap), keys, predAcc, predGap);
        if (!p.hasSpread()) {
            return new PredictorReport(predictor.name(), report);
        }
        List<String> agreement = new ArrayList<>(n);
        for (double spread : p.accuracySpread()) {
            agreement.add(spread < ModelEnsemble.DISAGREEMENT ? PredictorReport.AGREE : PredictorReport.DISAGREE);
        }
        return new PredictorReport(predictor.name(), report, Metrics.byGroup(agreement, predAcc, acc));
    }
}
