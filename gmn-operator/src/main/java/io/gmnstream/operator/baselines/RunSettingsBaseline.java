package io.gmnstream.operator.baselines;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A reference, not a weight-space predictor: gradient-boosted trees on the run's declared training
 * settings (the manifest's hyperparameters: architecture, optimiser, learning rate, ..., minus the
 * random seed) and the checkpoint's epoch and step. It measures how much of a checkpoint's test
 * accuracy the training recipe explains; what it leaves is the run-to-run variation that only the
 * weights (or the data) can reveal. With {@code withTrainAccuracy} it also sees the measured train
 * accuracy: a second, higher reference.
 *
 * <p>Settings are encoded per key, fixed at {@link #fit}: a key whose training values all parse as
 * numbers is a number (trees are invariant to monotone rescaling, so no log is needed); any other key
 * is a category coded by its sorted training values. A missing key or a category unseen in training
 * becomes {@value #ABSENT}.
 */
public final class RunSettingsBaseline extends FeatureBaseline {
    /** The random seed differs between otherwise equal runs: its effect is exactly what this reference leaves out. */
    static final String SEED_KEY = "seed";
    /** Every reference's name starts with this, so reports can tell references from predictors. */
    public static final String NAME_PREFIX = "ref-";
    static final double ABSENT = -1;

    private final Map<String, Map<String, String>> settingsByRun;
    private final boolean withTrainAccuracy;
    private List<KeyCoding> codings = List.of();

    /**
     * @param settingsByRun     each run's hyperparameters by run id (a run without an entry has every setting absent)
     * @param withTrainAccuracy also use the checkpoint's measured train accuracy
     */
    public RunSettingsBaseline(Map<String, Map<String, String>> settingsByRun, boolean withTrainAccuracy) {
        super(GradientBoostedTrees.trainer(GbtConfig.defaults()));
        this.settingsByRun = Map.copyOf(Objects.requireNonNull(settingsByRun, "settingsByRun"));
        this.withTrainAccuracy = withTrainAccuracy;
    }

    @Override
    public String name() {
        return NAME_PREFIX + (withTrainAccuracy ? "settings+train-acc" : "settings");
    }

    @Override
    public void fit(List<LabelledCheckpoint> train) {
        codings = codings(train);
        super.fit(train);
    }

    private List<KeyCoding> codings(List<LabelledCheckpoint> train) {
        Map<String, TreeSet<String>> valuesByKey = new TreeMap<>();
        for (LabelledCheckpoint c : train) {
            settingsOf(c).forEach((k, v) -> {
                if (!k.equals(SEED_KEY)) {
                    valuesByKey.computeIfAbsent(k, x -> new TreeSet<>()).add(v);
                }
            });
        }
        List<KeyCoding> out = new ArrayList<>(valuesByKey.size());
        valuesByKey.forEach((k, values) -> out.add(new KeyCoding(k, values.stream().allMatch(RunSettingsBaseline::isNumber)
                ? List.of() : List.copyOf(values))));
        return List.copyOf(out);
    }

    @Override
    double[] features(LabelledCheckpoint c) {
        Map<String, String> settings = settingsOf(c);
        double[] x = new double[codings.size() + (withTrainAccuracy ? 3 : 2)];
        int i = 0;
        for (KeyCoding coding : codings) {
            x[i++] = coding.encode(settings.get(coding.key()));
        }
        x[i++] = c.epoch();
        x[i++] = c.step();
        if (withTrainAccuracy) {
            x[i] = c.trainAccuracy();
        }
        return x;
    }

    private Map<String, String> settingsOf(LabelledCheckpoint c) {
        return settingsByRun.getOrDefault(c.runId(), Map.of());
    }

    private static boolean isNumber(String s) {
        return !Double.isNaN(number(s));
    }

    /** The setting as a finite number, or NaN when it is not one. */
    private static double number(String s) {
        try {
            double v = Double.parseDouble(s);
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** How one setting becomes a number: parsed ({@code categories} empty) or its index among the training values. */
    private record KeyCoding(String key, List<String> categories) {
        double encode(String value) {
            if (value == null) {
                return ABSENT;
            }
            if (categories.isEmpty()) {
                double v = number(value);
                return Double.isNaN(v) ? ABSENT : v;
            }
            int index = categories.indexOf(value);
            return index < 0 ? ABSENT : index;
        }
    }
}
