package io.gmnstream.operator.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import io.gmnstream.operator.data.LabeledData;
import io.gmnstream.operator.data.TaskData;
import io.gmnstream.operator.djl.EngineInfo;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import java.util.Objects;

/**
 * Trains a small network (dense, conv or attention) built from a spec with a plain DJL loop: seeded initialisation and
 * shuffle, one sub-manager per step (every temporary dies with it), gradients zeroed after each
 * update. The same seed and config give bit-identical weights on the same machine and thread count.
 *
 * <pre>{@code
 * DenseTrainer trainer = new DenseTrainer(DjlRuntime.start(settings), config);
 * try (DenseNetwork net = trainer.newNetwork(spec)) {
 *     TrainingReport report = trainer.fit(net, DigitsDataset.load());
 *     ParameterExport.write(net, path);
 * }
 * }</pre>
 */
public final class DenseTrainer {
    private final Engine engine;
    private final EngineInfo engineInfo;
    private final TrainingConfig config;

    /** Takes the started engine's info so that a trainer can only exist after {@code DjlRuntime.start}. */
    public DenseTrainer(EngineInfo engineInfo, TrainingConfig config) {
        this.engineInfo = Objects.requireNonNull(engineInfo, "engineInfo");
        this.config = Objects.requireNonNull(config, "config");
        this.engine = Engine.getEngine(engineInfo.engineName());
    }

    public TrainingConfig config() {
        return config;
    }

    /**
     * A freshly initialised network. Re-seeds the engine first, so initialisation (and later the
     * dropout masks) depend only on the config's seed.
     */
    public DenseNetwork newNetwork(NetworkSpec spec) {
        Objects.requireNonNull(spec, "spec");
        engine.setRandomSeed(config.seed());
        NDManager manager = engine.newBaseManager(engineInfo.device());
        try {
            return NetworkFactory.create(spec, config.dropoutRate(), manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Trains on the task's train split, then measures train and test accuracy. Throws if the loss diverges. */
    public TrainingReport fit(DenseNetwork network, TaskData data) {
        return fit(network, data, null, true);
    }

    /**
     * Trains like {@link #fit(DenseNetwork, TaskData)}, telling {@code listener} after every epoch.
     * A loss that becomes NaN or infinite does not throw here: the epoch is cut short, the listener
     * is told ({@code diverged = true}) and training stops, so a model zoo records failed runs as
     * real training produces them. The report then holds the epochs run (the last one partial).
     */
    public TrainingReport fit(DenseNetwork network, TaskData data, EpochListener listener) {
        return fit(network, data, Objects.requireNonNull(listener, "listener"), false);
    }

    /** Accuracy of {@code network} on {@code data} (argmax logit == label; dropout off). */
    public double accuracy(DenseNetwork network, LabeledData data) {
        return Evaluator.accuracy(network, data);
    }

    private TrainingReport fit(DenseNetwork network, TaskData data, EpochListener listener, boolean throwOnDivergence) {
        Objects.requireNonNull(network, "network");
        LabeledData train = data.train();
        SampleLayout layout = Evaluator.layout(network, train);
        Evaluator.layout(network, data.test());
        BatchOrder order = new BatchOrder(train.size(), config.batchSize(), config.seed());
        int batchesPerEpoch = config.maxBatchesPerEpoch() == 0 ? order.batchesPerEpoch()
                : Math.min(config.maxBatchesPerEpoch(), order.batchesPerEpoch());
        float[] epochLoss = new float[config.epochs()];
        int[] liveArrays = new int[config.epochs()];
        int steps = 0;
        int epochsRun = 0;
        // Optimizer state (Adam moments, SGD momentum) is created next to each weight, in the
        // network's manager, and is freed when the network closes.
        Optimizer optimizer = OptimizerFactory.create(config);
        boolean diverged = false;
        for (int epoch = 0; epoch < config.epochs() && !diverged; epoch++) {
            int[][] batches = order.nextEpoch();
            double lossSum = 0;
            long samples = 0;
            for (int b = 0; b < batchesPerEpoch; b++) {
                float loss = step(network, optimizer, train, layout, batches[b]);
                steps++;
                if (!Float.isFinite(loss)) {
                    if (throwOnDivergence) {
                        throw new IllegalStateException("loss became " + loss + " at epoch " + epoch + ", batch " + b
                                + "; lower the learning rate (" + config.learningRate() + ")");
                    }
                    diverged = true;
                    lossSum = loss;
                    samples = 1;
                    break;
                }
                lossSum += (double) loss * batches[b].length;
                samples += batches[b].length;
            }
            epochLoss[epoch] = (float) (lossSum / samples);
            liveArrays[epoch] = network.managedArrayCount();
            epochsRun++;
            if (listener != null) {
                listener.afterEpoch(new EpochListener.EpochEnd(network, epoch + 1, steps, epochLoss[epoch], diverged));
            }
        }
        return new TrainingReport(java.util.Arrays.copyOf(epochLoss, epochsRun), Evaluator.accuracy(network, train),
                Evaluator.accuracy(network, data.test()), steps, java.util.Arrays.copyOf(liveArrays, epochsRun));
    }

    /** One optimiser step on one batch; returns the batch's mean loss. */
    private float step(DenseNetwork network, Optimizer optimizer, LabeledData train, SampleLayout layout, int[] batch) {
        int classes = network.outputWidth();
        // Results attach to an operand's manager: with x created here, the forward and backward
        // temporaries land in this sub-manager and are freed when it closes (DJL_NOTES trap 4).
        try (NDManager step = network.manager().newSubManager()) {
            // x and the targets stay referenced (and open) until after backward: autograd reads
            // their Java-backed buffers (DJL_NOTES traps 1 and 3).
            NDArray x = step.create(layout.rows(train, batch), layout.shape(batch.length));
            NDArray targets = step.create(SoftmaxCrossEntropy.oneHot(train.gatherLabels(batch), classes),
                    new Shape(batch.length, classes));
            NDArray loss;
            try (GradientCollector collector = engine.newGradientCollector()) {
                loss = SoftmaxCrossEntropy.mean(network.forward(x, true), targets);
                collector.backward(loss);
            }
            for (BoundParameter p : network.parameters()) {
                NDArray weight = p.parameter().getArray();
                // getGradient() makes a new handle in the parameter's (long-lived) manager: close it.
                try (NDArray gradient = weight.getGradient()) {
                    optimizer.update(p.parameter().getId(), weight, gradient);
                    // PyTorch accumulates into .grad and DJL's collector does not clear it.
                    gradient.subi(gradient);
                }
            }
            return loss.getFloat();
        }
    }
}
