package io.gmnstream.operator.learn;

import ai.djl.training.tracker.Tracker;
import io.gmnstream.operator.dataset.LabelledCheckpoint;
import io.gmnstream.operator.gmn.GmnConfig;
import io.gmnstream.operator.gmn.GmnLoss;
import io.gmnstream.operator.gmn.GmnModel;
import io.gmnstream.operator.gmn.GmnScore;
import io.gmnstream.operator.gmn.GmnTrainer;
import io.gmnstream.operator.gmn.GraphBatch;
import io.gmnstream.operator.gmn.NonFiniteValues;
import io.gmnstream.paramgraph.ParamGraph;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Trains a {@link GmnModel} on labelled checkpoints and evaluates it.
 *
 * <p>Targets: column 0 is the measured test accuracy, raw (the model's accuracy output is a
 * sigmoid, in [0, 1]); column 1 is the generalisation gap, raw or standardised with the train
 * list's mean and standard deviation ({@link Settings#standardizeGap}); the scale is saved in the
 * model metadata ({@value #GAP_MEAN}, {@value #GAP_STD}) and undone at prediction time.
 *
 * <p>Non-finite weights (diverged runs): by default ({@link NonFinite#ZERO}) every non-finite edge
 * value is replaced by 0 and nothing else is added; the checkpoint keeps its measured labels (a
 * diverged network scores near chance), in training and in evaluation alike. {@link NonFinite#EXCLUDE}
 * drops such checkpoints from both instead. The same policy must be applied at scoring time.
 *
 * <p>Minibatches: the train list is shuffled per epoch with a {@link Random} seeded from
 * {@link Settings#seed} and the epoch index, so a fit is reproducible on the same machine.
 */
public final class GmnFitter {
    public static final String GAP_MEAN = "target.gap.mean";
    public static final String GAP_STD = "target.gap.std";
    public static final String NON_FINITE = "target.nonFinite";

    /** Share of the steps spent warming the learning rate up, and the cosine's end point (lr / divisor). */
    static final float WARMUP_SHARE = 0.05f;
    static final float FINAL_LR_DIVISOR = 50f;

    /** What to do with checkpoints whose weights are not all finite. */
    public enum NonFinite { ZERO, EXCLUDE }

    /**
     * The gap's default weight: on the 3,000-run digits zoo, 0.1 instead of 1 moved held-out accuracy from
     * tau 0.616 / R^2 0.712 to 0.626 / 0.736, and left the gap's own figures where they were.
     */
    public static final float DEFAULT_GAP_WEIGHT = 0.1f;

    /**
     * Training settings.
     *
     * @param epochs         passes over the train list
     * @param maxSteps       stop after this many optimiser steps (0 = no limit)
     * @param batchSize      graphs per step
     * @param learningRate   Adam learning rate
     * @param loss           MSE or Huber on both targets
     * @param huberDelta     Huber's delta
     * @param standardizeGap standardise the gap target with the train list's mean/std
     * @param gapWeight      the gap's weight in the loss, relative to the accuracy's (both on the scale of
     *                       their spread); below 1 because the gap is mostly noise the weights do not show
     * @param seed           model initialisation and shuffling
     * @param nonFinite      policy for non-finite weights
     * @param evalBatchSize  graphs per forward pass when predicting
     * @param symmetryLogSpread function-preserving augmentation of training graphs (see
     *                       {@link #withSymmetryLogSpread}); 0 trains on the graphs as they are
     */
    public record Settings(int epochs, int maxSteps, int batchSize, float learningRate, GmnLoss loss, float huberDelta,
                           boolean standardizeGap, float gapWeight, long seed, NonFinite nonFinite, int evalBatchSize,
                           float symmetryLogSpread) {
        public Settings {
            Objects.requireNonNull(loss, "loss");
            Objects.requireNonNull(nonFinite, "nonFinite");
            if (epochs < 1 || maxSteps < 0 || batchSize < 1 || evalBatchSize < 1) {
                throw new IllegalArgumentException("epochs >= 1, maxSteps >= 0, batchSize >= 1, evalBatchSize >= 1 required");
            }
            if (!(learningRate > 0f) || !(huberDelta > 0f)) {
                throw new IllegalArgumentException("learningRate and huberDelta must be positive");
            }
            if (!(gapWeight >= 0f) || !Float.isFinite(gapWeight)) {
                throw new IllegalArgumentException("gapWeight must be finite and >= 0, got " + gapWeight);
            }
            if (!(symmetryLogSpread >= 0f) || !Float.isFinite(symmetryLogSpread)) {
                throw new IllegalArgumentException("symmetryLogSpread must be finite and >= 0, got " + symmetryLogSpread);
            }
        }

        public static Settings defaults() {
            return new Settings(30, 0, 16, 1e-3f, GmnLoss.MSE, 1f, true, DEFAULT_GAP_WEIGHT, 7L, NonFinite.ZERO, 32, 0f);
        }

        public Settings withEpochs(int v) {
            return new Settings(v, maxSteps, batchSize, learningRate, loss, huberDelta, standardizeGap, gapWeight, seed, nonFinite, evalBatchSize, symmetryLogSpread);
        }

        public Settings withMaxSteps(int v) {
            return new Settings(epochs, v, batchSize, learningRate, loss, huberDelta, standardizeGap, gapWeight, seed, nonFinite, evalBatchSize, symmetryLogSpread);
        }

        public Settings withBatchSize(int v) {
            return new Settings(epochs, maxSteps, v, learningRate, loss, huberDelta, standardizeGap, gapWeight, seed, nonFinite, evalBatchSize, symmetryLogSpread);
        }

        public Settings withLearningRate(float v) {
            return new Settings(epochs, maxSteps, batchSize, v, loss, huberDelta, standardizeGap, gapWeight, seed, nonFinite, evalBatchSize, symmetryLogSpread);
        }

        public Settings withLoss(GmnLoss v) {
            return new Settings(epochs, maxSteps, batchSize, learningRate, v, huberDelta, standardizeGap, gapWeight, seed, nonFinite, evalBatchSize, symmetryLogSpread);
        }

        public Settings withStandardizeGap(boolean v) {
            return new Settings(epochs, maxSteps, batchSize, learningRate, loss, huberDelta, v, gapWeight, seed, nonFinite, evalBatchSize, symmetryLogSpread);
        }

        public Settings withSeed(long v) {
            return new Settings(epochs, maxSteps, batchSize, learningRate, loss, huberDelta, standardizeGap, gapWeight, v, nonFinite, evalBatchSize, symmetryLogSpread);
        }

        public Settings withNonFinite(NonFinite v) {
            return new Settings(epochs, maxSteps, batchSize, learningRate, loss, huberDelta, standardizeGap, gapWeight, seed, v, evalBatchSize, symmetryLogSpread);
        }

        public Settings withGapWeight(float v) {
            return new Settings(epochs, maxSteps, batchSize, learningRate, loss, huberDelta, standardizeGap, v, seed, nonFinite, evalBatchSize, symmetryLogSpread);
        }

        /**
         * Function-preserving augmentation ({@link FunctionSymmetries}): every step, each graph's relu units
         * are rescaled by exp(u), u uniform in [-v, v], and its tanh units flipped in sign at random; 0 = off.
         */
        public Settings withSymmetryLogSpread(float v) {
            return new Settings(epochs, maxSteps, batchSize, learningRate, loss, huberDelta, standardizeGap, gapWeight, seed, nonFinite,
                    evalBatchSize, v);
        }

        /** Flat key/values for model metadata ({@code train.*}). */
        public Map<String, String> toMetadata() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("train.epochs", Integer.toString(epochs));
            m.put("train.maxSteps", Integer.toString(maxSteps));
            m.put("train.batchSize", Integer.toString(batchSize));
            m.put("train.learningRate", Float.toString(learningRate));
            m.put("train.schedule", "linear warm-up " + WARMUP_SHARE + " of steps, then cosine to 1/" + FINAL_LR_DIVISOR);
            m.put("train.optimizer", "adam");
            m.put("train.loss", loss.name());
            m.put("train.huberDelta", Float.toString(huberDelta));
            m.put("train.standardizeGap", Boolean.toString(standardizeGap));
            m.put("train.gapWeight", Float.toString(gapWeight));
            m.put("train.seed", Long.toString(seed));
            m.put(NON_FINITE, nonFinite.name());
            m.put("train.symmetryLogSpread", Float.toString(symmetryLogSpread));
            return m;
        }
    }

    /**
     * The result of {@link #fit}: the model (caller closes it) and how training went.
     *
     * @param stepLosses       the loss of every step (before its update)
     * @param epochLosses      mean step loss per epoch
     * @param initialTrainLoss mean loss on the train list before the first step (no update)
     * @param finalTrainLoss   mean loss on the train list after the last step (no update)
     * @param trainCheckpoints checkpoints trained on (after the non-finite policy)
     * @param excluded         checkpoints dropped by {@link NonFinite#EXCLUDE}
     * @param zeroed           checkpoints whose non-finite values were zeroed
     */
    public record Fit(GmnModel model, Settings settings, double gapMean, double gapStd, float[] stepLosses,
                      float[] epochLosses, float initialTrainLoss, float finalTrainLoss, int steps, int trainCheckpoints,
                      int excluded, int zeroed, double seconds) implements AutoCloseable {
        /** Metadata that a saved model needs to predict like this fit, plus the settings and fit figures. */
        public Map<String, String> toMetadata() {
            Map<String, String> m = new LinkedHashMap<>(settings.toMetadata());
            m.put(GAP_MEAN, Double.toString(gapMean));
            m.put(GAP_STD, Double.toString(gapStd));
            m.put("train.steps", Integer.toString(steps));
            m.put("train.checkpoints", Integer.toString(trainCheckpoints));
            m.put("train.excludedNonFinite", Integer.toString(excluded));
            m.put("train.zeroedNonFinite", Integer.toString(zeroed));
            m.put("train.initialLoss", Float.toString(initialTrainLoss));
            m.put("train.finalLoss", Float.toString(finalTrainLoss));
            m.put("train.seconds", String.format(Locale.ROOT, "%.1f", seconds));
            return m;
        }

        @Override
        public void close() {
            model.close();
        }
    }

    private final GmnConfig config;
    private final Settings settings;
    private Consumer<String> log = s -> { };

    public GmnFitter(GmnConfig config, Settings settings) {
        this.config = Objects.requireNonNull(config, "config");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Progress lines (one per epoch) go here; silent by default. */
    public GmnFitter withLog(Consumer<String> log) {
        this.log = Objects.requireNonNull(log, "log");
        return this;
    }

    /** Trains a new model on {@code train}. */
    public Fit fit(List<LabelledCheckpoint> train) {
        long start = System.nanoTime();
        Prepared data = prepareForTraining(train);
        double gapMean = 0;
        double gapStd = 1;
        if (settings.standardizeGap()) {
            gapMean = StatUtils.mean(data.gap);
            gapStd = Math.sqrt(StatUtils.populationVariance(data.gap, gapMean));
            if (!(gapStd > 1e-8)) {
                gapStd = 1;
            }
        }
        return train(GmnModel.create(config, (int) settings.seed()), data, gapMean, gapStd, start);
    }

    /**
     * Goes on training the saved model in {@code startDir} on {@code train} (its own shape; this
     * fitter's {@link GmnConfig} is not used). The gap keeps the start model's scale, so what it
     * learnt about the gap is not thrown away by a new standardisation.
     */
    public Fit fineTune(Path startDir, List<LabelledCheckpoint> train) throws IOException {
        long start = System.nanoTime();
        Prepared data = prepareForTraining(train);
        GmnModel model = GmnModel.load(startDir);
        try {
            model.unfreezeForTraining();
            Map<String, String> meta = model.metadata();
            double gapMean = Double.parseDouble(meta.getOrDefault(GAP_MEAN, "0"));
            double gapStd = Double.parseDouble(meta.getOrDefault(GAP_STD, "1"));
            return train(model, data, gapMean, gapStd, start);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private Prepared prepareForTraining(List<LabelledCheckpoint> train) {
        Prepared data = prepare(train, settings.nonFinite());
        if (data.graphs.isEmpty()) {
            throw new IllegalArgumentException("nothing to train on (" + train.size() + " checkpoints, "
                    + data.excluded + " excluded for non-finite weights)");
        }
        return data;
    }

    /** Trains {@code model} (taking ownership: closed if training fails) on the prepared data. */
    private Fit train(GmnModel model, Prepared data, double gapMean, double gapStd, long start) {
        int n = data.graphs.size();
        float[] targets = new float[2 * n];
        for (int i = 0; i < n; i++) {
            targets[2 * i] = (float) data.accuracy[i];
            targets[2 * i + 1] = (float) ((data.gap[i] - gapMean) / gapStd);
        }
        try {
            int totalSteps = plannedSteps(n);
            // Both targets on the scale of their spread: the gap is standardised above, the accuracy
            // (kept raw for its sigmoid output) is weighted by its inverse variance. The gap then counts
            // gapWeight times as much: at equal weight its noise took a share of the gradient.
            float[] weights = {(float) (1.0 / Math.max(StatUtils.populationVariance(data.accuracy), 1e-4)),
                    settings.gapWeight()};
            GmnTrainer trainer = new GmnTrainer(model, settings.loss(), schedule(totalSteps), settings.huberDelta(), weights);
            float initial = meanLoss(model, trainer, data.graphs, targets);
            List<Float> stepLosses = new ArrayList<>();
            float[] epochLosses = new float[settings.epochs()];
            int steps = 0;
            int epochsRun = 0;
            TrainingGraphs trainingGraphs = new TrainingGraphs(data.graphs, settings.symmetryLogSpread());
            List<Integer> order = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                order.add(i);
            }
            outer:
            for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                Collections.shuffle(order, new Random(settings.seed() * 1_000_003L + epoch));
                Random augmentation = new Random(settings.seed() * 7_000_003L + epoch);
                double sum = 0;
                int count = 0;
                for (int b = 0; b < n; b += settings.batchSize()) {
                    if (settings.maxSteps() > 0 && steps >= settings.maxSteps()) {
                        break outer;
                    }
                    List<Integer> idx = order.subList(b, Math.min(n, b + settings.batchSize()));
                    float l = step(model, trainer, trainingGraphs, augmentation, targets, idx);
                    stepLosses.add(l);
                    sum += l;
                    count++;
                    steps++;
                }
                epochLosses[epoch] = (float) (sum / Math.max(1, count));
                epochsRun = epoch + 1;
                log.accept(String.format(Locale.ROOT, "epoch %d/%d: mean step loss %.5f (%d steps, %.1f s)", epoch + 1,
                        settings.epochs(), epochLosses[epoch], steps, (System.nanoTime() - start) / 1e9));
            }
            if (epochsRun < settings.epochs()) {
                // Stopped by maxSteps inside an epoch: keep the partial epoch's mean if it ran a step.
                float[] trimmed = new float[Math.max(epochsRun, 1)];
                System.arraycopy(epochLosses, 0, trimmed, 0, trimmed.length);
                epochLosses = trimmed;
            }
            float fin = meanLoss(model, trainer, data.graphs, targets);
            float[] sl = new float[stepLosses.size()];
            for (int i = 0; i < sl.length; i++) {
                sl[i] = stepLosses.get(i);
            }
            return new Fit(model, settings, gapMean, gapStd, sl, epochLosses, initial, fin, steps, n, data.excluded,
                    data.zeroed, (System.nanoTime() - start) / 1e9);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private int plannedSteps(int n) {
        int perEpoch = (n + settings.batchSize() - 1) / settings.batchSize();
        int total = perEpoch * settings.epochs();
        return settings.maxSteps() > 0 ? Math.min(total, settings.maxSteps()) : total;
    }

    /** Linear warm-up from lr/10, then cosine decay to lr/{@value #FINAL_LR_DIVISOR}: Adam at a fixed rate stalls early on this loss. */
    private Tracker schedule(int totalSteps) {
        float lr = settings.learningRate();
        int warmup = Math.max(1, Math.round(WARMUP_SHARE * totalSteps));
        Tracker cosine = Tracker.cosine().setBaseValue(lr).optFinalValue(lr / FINAL_LR_DIVISOR)
                .setMaxUpdates(Math.max(1, totalSteps - warmup)).build();
        return Tracker.warmUp().setMainTracker(cosine).optWarmUpSteps(warmup).optWarmUpBeginValue(lr / 10f).build();
    }

    /** Evaluates a fit on {@code test}. */
    public static EvalReport evaluate(Fit fit, List<LabelledCheckpoint> test, String split) {
        return evaluate(fit.model(), fit.gapMean(), fit.gapStd(), fit.settings().nonFinite(), fit.settings().evalBatchSize(),
                test, split);
    }

    /** Evaluates a loaded model, using the target scale and non-finite policy recorded in its metadata. */
    public static EvalReport evaluate(GmnModel model, List<LabelledCheckpoint> test, String split, int batchSize) {
        Map<String, String> meta = model.metadata();
        double mean = Double.parseDouble(meta.getOrDefault(GAP_MEAN, "0"));
        double std = Double.parseDouble(meta.getOrDefault(GAP_STD, "1"));
        NonFinite policy = NonFinite.valueOf(meta.getOrDefault(NON_FINITE, NonFinite.ZERO.name()));
        return evaluate(model, mean, std, policy, batchSize, test, split);
    }

    private static EvalReport evaluate(GmnModel model, double gapMean, double gapStd, NonFinite policy, int batchSize,
                                       List<LabelledCheckpoint> test, String split) {
        Prepared data = prepare(test, policy);
        if (data.graphs.isEmpty()) {
            throw new IllegalArgumentException("nothing to evaluate (" + test.size() + " checkpoints)");
        }
        int n = data.graphs.size();
        double[] predAcc = new double[n];
        double[] predGap = new double[n];
        for (int b = 0; b < n; b += batchSize) {
            List<ParamGraph> graphs = data.graphs.subList(b, Math.min(n, b + batchSize));
            try (GraphBatch batch = model.batch(graphs)) {
                GmnScore[] scores = model.predict(batch);
                for (int k = 0; k < scores.length; k++) {
                    predAcc[b + k] = scores[k].predictedTestAccuracy();
                    predGap[b + k] = scores[k].predictedGeneralizationGap() * gapStd + gapMean;
                }
            }
        }
        return new EvalReport(split, Metrics.of(predAcc, data.accuracy), Metrics.of(predGap, data.gap),
                Metrics.byGroup(data.families, predAcc, data.accuracy), Metrics.byGroup(data.families, predGap, data.gap),
                data.keys, predAcc, predGap);
    }

    /**
     * Saves the fitted model with its metadata: zoo hash, training settings and target scale, and
     * the figures of every report under {@code eval.<name>.*}.
     */
    public static void save(Fit fit, Path dir, String zooHash, Map<String, EvalReport> reports) throws IOException {
        save(fit, dir, zooHash, reports, null);
    }

    /**
     * Like {@link #save(Fit, Path, String, Map)}, and also records the split the fit was trained on
     * ({@code split.*} metadata and {@value SplitRecord#TRAIN_RUNS_FILE}) when {@code split} is not null,
     * so that {@code eval} can rebuild the held-out set.
     */
    public static void save(Fit fit, Path dir, String zooHash, Map<String, EvalReport> reports, SplitRecord split)
            throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("zoo.hash", Objects.requireNonNull(zooHash, "zooHash"));
        meta.putAll(fit.toMetadata());
        reports.forEach((name, r) -> meta.putAll(r.toMetadata("eval." + name)));
        if (split != null) {
            meta.putAll(split.toMetadata());
        }
        fit.model().save(dir, meta);
        if (split != null) {
            split.writeTrainRuns(dir);
        }
    }

    private static float step(GmnModel model, GmnTrainer trainer, TrainingGraphs graphs, Random augmentation, float[] targets,
                              List<Integer> idx) {
        List<ParamGraph> g = new ArrayList<>(idx.size());
        float[] t = new float[2 * idx.size()];
        for (int k = 0; k < idx.size(); k++) {
            int i = idx.get(k);
            g.add(graphs.get(i, augmentation));
            t[2 * k] = targets[2 * i];
            t[2 * k + 1] = targets[2 * i + 1];
        }
        try (GraphBatch batch = model.batch(g)) {
            return trainer.step(batch, t);
        }
    }

    /** Mean per-graph loss over the list, in fixed order, without updating. */
    private float meanLoss(GmnModel model, GmnTrainer trainer, List<ParamGraph> graphs, float[] targets) {
        int n = graphs.size();
        double sum = 0;
        int bs = settings.evalBatchSize();
        for (int b = 0; b < n; b += bs) {
            int e = Math.min(n, b + bs);
            float[] t = new float[2 * (e - b)];
            System.arraycopy(targets, 2 * b, t, 0, t.length);
            try (GraphBatch batch = model.batch(graphs.subList(b, e))) {
                sum += trainer.loss(batch, t) * (e - b);
            }
        }
        return (float) (sum / n);
    }

    /** The train list's graphs as each step sees them: as they are, or rescaled at random by their symmetries. */
    private static final class TrainingGraphs {
        private final List<ParamGraph> graphs;
        private final float logSpread;
        private final List<List<FunctionSymmetries.UnitGroup>> symmetries;

        TrainingGraphs(List<ParamGraph> graphs, float logSpread) {
            this.graphs = graphs;
            this.logSpread = logSpread;
            this.symmetries = logSpread > 0 ? graphs.stream().map(FunctionSymmetries::of).toList() : null;
        }

        ParamGraph get(int i, Random random) {
            if (symmetries == null || symmetries.get(i).isEmpty()) {
                return graphs.get(i);
            }
            return FunctionSymmetries.rescaled(graphs.get(i), symmetries.get(i), random, logSpread);
        }
    }

    private record Prepared(List<ParamGraph> graphs, double[] accuracy, double[] gap, List<String> families,
                            List<String> keys, int excluded, int zeroed) {
    }

    private static Prepared prepare(List<LabelledCheckpoint> list, NonFinite policy) {
        List<ParamGraph> graphs = new ArrayList<>();
        List<String> families = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<double[]> labels = new ArrayList<>();
        int excluded = 0;
        int zeroed = 0;
        for (LabelledCheckpoint c : list) {
            ParamGraph g = c.graph();
            if (!NonFiniteValues.allFinite(g.edgeValue())) {
                if (policy == NonFinite.EXCLUDE) {
                    excluded++;
                    continue;
                }
                g = NonFiniteValues.zeroed(g);
                zeroed++;
            }
            graphs.add(g);
            families.add(c.family());
            keys.add(c.key());
            labels.add(new double[] {c.testAccuracy(), c.generalizationGap()});
        }
        double[] acc = new double[labels.size()];
        double[] gap = new double[labels.size()];
        for (int i = 0; i < acc.length; i++) {
            acc[i] = labels.get(i)[0];
            gap[i] = labels.get(i)[1];
        }
        return new Prepared(graphs, acc, gap, families, keys, excluded, zeroed);
    }
}
