package io.gmnstream.operator.baselines;

import io.gmnstream.operator.dataset.LabelledCheckpoint;

/** StatNN: {@link StatNnFeatures} into {@link GradientBoostedTrees}, one ensemble per target. */
public final class StatNnBaseline extends FeatureBaseline {
    public StatNnBaseline() {
        this(GbtConfig.defaults());
    }

    public StatNnBaseline(GbtConfig config) {
        super(GradientBoostedTrees.trainer(config));
    }

    @Override
    public String name() {
        return "statnn-gbt";
    }

    @Override
    double[] features(LabelledCheckpoint checkpoint) {
        return StatNnFeatures.of(checkpoint.graph(), checkpoint.tensors());
    }
}
