package io.gmnstream.operator.zoo;

import io.gmnstream.operator.train.OptimizerKind;
import io.gmnstream.operator.train.TrainingConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything about one run, decided by {@link RunSampler} from (master seed, run index) alone.
 *
 * @param runIndex      0-based index in the zoo
 * @param runId         unique id, also the checkpoint file's name
 * @param seed          seeds initialisation, dropout, shuffle, the train subset and the label noise
 * @param architecture  the network
 * @param optimizer     SGD or ADAM
 * @param learningRate  fixed step size (log-uniform over several decades: some runs diverge)
 * @param momentum      SGD momentum (0 for ADAM)
 * @param weightDecay   L2 coefficient
 * @param dropoutRate   rate of the dropout layers (0 when the architecture has none)
 * @param batchSize     samples per step
 * @param epochs        epochs trained (one of the zoo's checkpoint epochs)
 * @param initScale     multiplier applied to the initial linear weights (small: slow start; large: chaos)
 * @param trainFraction fraction of the train split used
 * @param labelNoise    fraction of the used train labels replaced by a different random label
 */
public record RunPlan(int runIndex, String runId, int seed, Architecture architecture, OptimizerKind optimizer,
                      float learningRate, float momentum, float weightDecay, float dropoutRate, int batchSize, int epochs,
                      float initScale, float trainFraction, float labelNoise) {
    public RunPlan {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(optimizer, "optimizer");
        if (!(initScale > 0) || !(trainFraction > 0 && trainFraction <= 1) || !(labelNoise >= 0 && labelNoise < 1)) {
            throw new IllegalArgumentException("run plan " + runId + ": initScale > 0, trainFraction in (0, 1], labelNoise in [0, 1)");
        }
    }

    /** The trainer's config; validates learning rate, momentum, batch size and the rest. */
    public TrainingConfig trainingConfig(int maxBatchesPerEpoch) {
        return new TrainingConfig(optimizer, learningRate, momentum, batchSize, epochs, weightDecay, dropoutRate, seed,
                maxBatchesPerEpoch);
    }

    /** Every setting as strings, for the manifest (architecture first). */
    public Map<String, String> hyperparameters() {
        Map<String, String> m = new LinkedHashMap<>(architecture.describe());
        m.put("optimizer", optimizer.name().toLowerCase(Locale.ROOT));
        m.put("learning_rate", Float.toString(learningRate));
        m.put("momentum", Float.toString(momentum));
        m.put("weight_decay", Float.toString(weightDecay));
        m.put("dropout", Float.toString(dropoutRate));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("epochs", Integer.toString(epochs));
        m.put("init_scale", Float.toString(initScale));
        m.put("train_fraction", Float.toString(trainFraction));
        m.put("label_noise", Float.toString(labelNoise));
        m.put("seed", Integer.toString(seed));
        return m;
    }

    /** A copy under another run id (a run trained outside the zoo's sampling, e.g. the demo's diverging run). */
    public RunPlan withRunId(String otherRunId) {
        return new RunPlan(runIndex, otherRunId, seed, architecture, optimizer, learningRate, momentum, weightDecay,
                dropoutRate, batchSize, epochs, initScale, trainFraction, labelNoise);
    }

    /** A copy with another learning rate and optimiser (tests and the demo force divergence with it). */
    public RunPlan withOptimizer(OptimizerKind optimizer, float learningRate, float momentum) {
        return new RunPlan(runIndex, runId, seed, architecture, optimizer, learningRate, momentum, weightDecay, dropoutRate,
                batchSize, epochs, initScale, trainFraction, labelNoise);
    }
}
