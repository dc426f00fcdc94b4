package io.gmnstream.operator.train;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/** Builds the DJL optimiser a {@link TrainingConfig} asks for (fixed learning rate). */
final class OptimizerFactory {
    private OptimizerFactory() {
    }

    static Optimizer create(TrainingConfig config) {
        Tracker lr = Tracker.fixed(config.learningRate());
        return switch (config.optimizer()) {
            case SGD -> Optimizer.sgd().setLearningRateTracker(lr).optMomentum(config.momentum())
                    .optWeightDecays(config.weightDecay()).build();
            case ADAM -> Optimizer.adam().optLearningRateTracker(lr).optWeightDecays(config.weightDecay()).build();
        };
    }
}
