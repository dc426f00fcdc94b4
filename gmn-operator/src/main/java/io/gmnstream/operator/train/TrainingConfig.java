package io.gmnstream.operator.train;

import java.util.Objects;

/**
 * How a small network is trained. Validated on construction; each error names the field and the
 * allowed range.
 *
 * @param optimizer          SGD or ADAM
 * @param learningRate       fixed step size, in (0, 10]
 * @param momentum           SGD momentum in [0, 1); must be 0 for ADAM
 * @param batchSize          samples per step, at least 1
 * @param epochs             passes over the train split, at least 1
 * @param weightDecay        L2 coefficient, at least 0
 * @param dropoutRate        drop probability of every {@code dropout} layer (the spec has no rate), in [0, 1)
 * @param seed               seeds parameter initialisation, dropout and the shuffle
 * @param maxBatchesPerEpoch 0 for all batches; a positive value cuts each epoch short (smoke tests)
 */
public record TrainingConfig(OptimizerKind optimizer, float learningRate, float momentum, int batchSize, int epochs,
                             float weightDecay, float dropoutRate, int seed, int maxBatchesPerEpoch) {
    public TrainingConfig {
        Objects.requireNonNull(optimizer, "optimizer");
        check(Float.isFinite(learningRate) && learningRate > 0 && learningRate <= 10, "learningRate", learningRate, "(0, 10]");
        check(Float.isFinite(momentum) && momentum >= 0 && momentum < 1, "momentum", momentum, "[0, 1)");
        check(optimizer == OptimizerKind.SGD || momentum == 0, "momentum", momentum, "0 with ADAM (momentum is SGD's)");
        check(batchSize >= 1, "batchSize", batchSize, ">= 1");
        check(epochs >= 1, "epochs", epochs, ">= 1");
        check(Float.isFinite(weightDecay) && weightDecay >= 0, "weightDecay", weightDecay, ">= 0");
        check(Float.isFinite(dropoutRate) && dropoutRate >= 0 && dropoutRate < 1, "dropoutRate", dropoutRate, "[0, 1)");
        check(maxBatchesPerEpoch >= 0, "maxBatchesPerEpoch", maxBatchesPerEpoch, ">= 0 (0 = all batches)");
    }

    /** Adam, learning rate 0.01, batch 32, 20 epochs, no weight decay, dropout 0.1, seed 42. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(OptimizerKind.ADAM, 0.01f, 0f, 32, 20, 0f, 0.1f, 42, 0);
    }

    public TrainingConfig withAdam(float learningRate) {
        return new TrainingConfig(OptimizerKind.ADAM, learningRate, 0f, batchSize, epochs, weightDecay, dropoutRate, seed, maxBatchesPerEpoch);
    }

    public TrainingConfig withSgd(float learningRate, float momentum) {
        return new TrainingConfig(OptimizerKind.SGD, learningRate, momentum, batchSize, epochs, weightDecay, dropoutRate, seed, maxBatchesPerEpoch);
    }

    public TrainingConfig withBatchSize(int batchSize) {
        return new TrainingConfig(optimizer, learningRate, momentum, batchSize, epochs, weightDecay, dropoutRate, seed, maxBatchesPerEpoch);
    }

    public TrainingConfig withEpochs(int epochs) {
        return new TrainingConfig(optimizer, learningRate, momentum, batchSize, epochs, weightDecay, dropoutRate, seed, maxBatchesPerEpoch);
    }

    public TrainingConfig withWeightDecay(float weightDecay) {
        return new TrainingConfig(optimizer, learningRate, momentum, batchSize, epochs, weightDecay, dropoutRate, seed, maxBatchesPerEpoch);
    }

    public TrainingConfig withDropoutRate(float dropoutRate) {
        return new TrainingConfig(optimizer, learningRate, momentum, batchSize, epochs, weightDecay, dropoutRate, seed, maxBatchesPerEpoch);
    }

    public TrainingConfig withSeed(int seed) {
        return new TrainingConfig(optimizer, learningRate, momentum, batchSize, epochs, weightDecay, dropoutRate, seed, maxBatchesPerEpoch);
    }

    public TrainingConfig withMaxBatchesPerEpoch(int maxBatches) {
        return new TrainingConfig(optimizer, learningRate, momentum, batchSize, epochs, weightDecay, dropoutRate, seed, maxBatches);
    }

    private static void check(boolean ok, String field, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException("training config: " + field + " must be " + allowed + ", got " + value);
        }
    }
}
