package io.gmnstream.operator.zoo;

import io.gmnstream.operator.data.LabeledData;
import io.gmnstream.operator.data.TaskData;
import io.gmnstream.operator.djl.EngineInfo;
import io.gmnstream.operator.train.DenseNetwork;
import io.gmnstream.operator.train.DenseTrainer;
import io.gmnstream.operator.train.EpochListener;
import io.gmnstream.operator.train.ParameterExport;
import io.gmnstream.operator.train.TrainingConfig;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.InlineWeights;
import io.gmnstream.schemas.avro.WeightFormat;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trains one {@link RunPlan} and captures a checkpoint (weights as safetensors, measured
 * accuracies) after each checkpoint epoch, plus one at the epoch where the loss diverged.
 */
final class RunTrainer {
    /** A run that ends below this accuracy on its own train data counts as stalled (chance is 0.1). */
    static final double STALL_ACCURACY = 0.2;
    /**
     * Train accuracies are measured on at most this many rows (the first ones): all of digits, a
     * sixth of MNIST, where a full pass per checkpoint would cost more than the training itself.
     */
    static final int MAX_TRAIN_EVAL_ROWS = 10_000;

    private final EngineInfo engine;
    private final TaskData task;
    private final LabeledData cleanTrainEval;
    private final Set<Integer> checkpointEpochs;
    private final int maxBatchesPerEpoch;

    RunTrainer(EngineInfo engine, TaskData task, List<Integer> checkpointEpochs, int maxBatchesPerEpoch) {
        this.engine = engine;
        this.task = task;
        this.cleanTrainEval = RunData.head(task.train(), MAX_TRAIN_EVAL_ROWS);
        this.checkpointEpochs = Set.copyOf(checkpointEpochs);
        this.maxBatchesPerEpoch = maxBatchesPerEpoch;
    }

    NetworkSpec spec(RunPlan plan) {
        LabeledData train = task.train();
        return plan.architecture().spec(train.channels(), train.height(), train.width(), train.numClasses());
    }

    RunResult train(RunPlan plan) {
        long cpuStart = processCpuNanos();
        TrainingConfig config = plan.trainingConfig(maxBatchesPerEpoch);
        TaskData data = RunData.forRun(task, plan);
        LabeledData trainEval = RunData.head(data.train(), MAX_TRAIN_EVAL_ROWS);
        DenseTrainer trainer = new DenseTrainer(engine, config);
        List<Checkpoint> checkpoints = new ArrayList<>();
        boolean[] diverged = {false};
        try (DenseNetwork network = trainer.newNetwork(spec(plan))) {
            InitScale.apply(network, plan.initScale());
            EpochListener listener = end -> {
                diverged[0] |= end.diverged();
                if (end.diverged() || checkpointEpochs.contains(end.epoch())) {
                    checkpoints.add(checkpoint(plan, trainer, network, config, trainEval, data.test(), end));
                }
            };
            trainer.fit(network, data, listener);
        }
        double lastTrain = checkpoints.get(checkpoints.size() - 1).getMetrics().get(ZooMetrics.TRAIN_ACCURACY);
        boolean stalled = !diverged[0] && lastTrain < STALL_ACCURACY;
        return new RunResult(plan, checkpoints, diverged[0], stalled, (processCpuNanos() - cpuStart) / 1e9);
    }

    private Checkpoint checkpoint(RunPlan plan, DenseTrainer trainer, DenseNetwork network, TrainingConfig config,
                                  LabeledData trainEval, LabeledData test, EpochListener.EpochEnd end) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(ZooMetrics.TRAIN_ACCURACY, trainer.accuracy(network, trainEval));
        metrics.put(ZooMetrics.TRAIN_ACCURACY_CLEAN, trainer.accuracy(network, cleanTrainEval));
        metrics.put(ZooMetrics.TEST_ACCURACY, trainer.accuracy(network, test));
        metrics.put(ZooMetrics.TRAIN_LOSS, (double) end.meanLoss());
        metrics.put(ZooMetrics.EPOCH, (double) end.epoch());
        metrics.put(ZooMetrics.STEP, (double) end.steps());
        metrics.put(ZooMetrics.DIVERGED, end.diverged() ? 1.0 : 0.0);
        byte[] weights = ParameterExport.toSafetensors(network, config);
        return Checkpoint.newBuilder()
                .setRunId(plan.runId())
                .setStep(end.steps())
                .setEpoch(end.epoch())
                .setCreatedAtMillis(Instant.now())
                .setMetrics(metrics)
                .setWeights(new InlineWeights(WeightFormat.SAFETENSORS, ByteBuffer.wrap(weights)))
                .build();
    }

    /** Process CPU time: PyTorch's own threads do the work, so a thread's CPU time would miss it. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

}
