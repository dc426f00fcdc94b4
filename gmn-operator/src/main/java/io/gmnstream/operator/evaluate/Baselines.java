package io.gmnstream.operator.evaluate;

import io.gmnstream.operator.baselines.BaselineModel;
import io.gmnstream.operator.baselines.GbtConfig;
import io.gmnstream.operator.baselines.NaiveBaseline;
import io.gmnstream.operator.baselines.RunSettingsBaseline;
import io.gmnstream.operator.baselines.StatNnBaseline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The baselines every evaluation reports, as fresh (unfitted) models. */
public final class Baselines {
    /** Names of predictors that are references, not weight-space predictors, start with this. */
    public static final String REFERENCE_PREFIX = RunSettingsBaseline.NAME_PREFIX;
    /** One line for reports that list reference rows. */
    public static final String REFERENCE_NOTE = "ref-* rows are references, not predictions from weights: trees on the"
            + " run's declared training settings (seed left out) with the checkpoint's epoch and step, and the same plus"
            + " the measured train accuracy";

    private Baselines() {
    }

    /** Whether any predictor of {@code s} is a reference. */
    static boolean hasReferences(SplitComparison s) {
        return s.predictors().stream().anyMatch(p -> p.name().startsWith(REFERENCE_PREFIX));
    }

    /**
     * StatNN features into gradient-boosted trees (Unterthiner et al. 2020), weight norms into ridge
     * regression, and the same norms into the same trees (cheap: 8 features; it separates what the
     * features carry from what the trees add).
     */
    public static List<Supplier<BaselineModel>> standard() {
        return List.of(StatNnBaseline::new, NaiveBaseline::new, () -> NaiveBaseline.withTrees(GbtConfig.defaults()));
    }

    /**
     * {@link #standard()} and then the two references that are not weight-space predictors: trees on
     * the run's declared training settings (and epoch and step), then the same plus the measured train
     * accuracy. They bound what the recipe, and how well the network fits its own training data,
     * explain of the test accuracy.
     *
     * @param runSettings each run's hyperparameters by run id ({@code ZooCheckpoints.Zoo#runSettings})
     */
    public static List<Supplier<BaselineModel>> withReferences(Map<String, Map<String, String>> runSettings) {
        List<Supplier<BaselineModel>> all = new ArrayList<>(standard());
        all.add(() -> new RunSettingsBaseline(runSettings, false));
        all.add(() -> new RunSettingsBaseline(runSettings, true));
        return List.copyOf(all);
    }
}
