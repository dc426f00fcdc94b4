package io.gmnstream.operator.baselines;

import io.gmnstream.operator.dataset.LabelledCheckpoint;

/**
 * The naive baseline: {@link NaiveFeatures} with the norms and the parameter count on a log scale
 * ({@code log1p}, so a diverged run's huge norms do not dominate a linear fit) into ridge
 * regression (default lambda 1e-3), one model per target. {@link #withTrees} swaps in gradient
 * boosting on the same features.
 */
public final class NaiveBaseline extends FeatureBaseline {
    /** Features 0..5 (norms, parameter count) are log1p-transformed. */
    private static final int LOG_FEATURES = 6;
    private final String name;

    public NaiveBaseline() {
        this(1e-3);
    }

    public NaiveBaseline(double ridgeLambda) {
        super(RidgeRegression.trainer(ridgeLambda));
        this.name = "naive-ridge";
    }

    private NaiveBaseline(GbtConfig config) {
        super(GradientBoostedTrees.trainer(config));
        this.name = "naive-gbt";
    }

    public static NaiveBaseline withTrees(GbtConfig config) {
        return new NaiveBaseline(config);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    double[] features(LabelledCheckpoint checkpoint) {
        return transform(NaiveFeatures.of(checkpoint.graph(), checkpoint.tensors()));
    }

    static double[] transform(double[] raw) {
        double[] x = raw.clone();
        for (int i = 0; i < LOG_FEATURES; i++) {
            x[i] = Math.log1p(Math.max(0, x[i]));
        }
        return x;
    }
}
