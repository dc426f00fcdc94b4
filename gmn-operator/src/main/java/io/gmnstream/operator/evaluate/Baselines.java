package io.gmnstream.operator.evaluate;

import io.gmnstream.operator.baselines.BaselineModel;
import io.gmnstream.operator.baselines.GbtConfig;
import io.gmnstream.operator.baselines.NaiveBaseline;
import io.gmnstream.operator.baselines.StatNnBaseline;
import java.util.List;
import java.util.function.Supplier;

/** The baselines every evaluation reports, as fresh (unfitted) models. */
public final class Baselines {
    private Baselines() {
    }

    /**
     * StatNN features into gradient-boosted trees (Unterthiner et al. 2020), weight norms into ridge
     * regression, and the same norms into the same trees (cheap: 8 features; it separates what the
     * features carry from what the trees add).
     */
    public static List<Supplier<BaselineModel>> standard() {
        return List.of(StatNnBaseline::new, NaiveBaseline::new, () -> NaiveBaseline.withTrees(GbtConfig.defaults()));
    }
}
