package io.gmnstream.operator.zoo;

import io.gmnstream.operator.djl.DjlSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What zoo to generate. Validated on construction; every error names the field.
 *
 * @param task               the task every run trains on
 * @param dataDir            the task's data folder (an MNIST IDX folder); required when the task
 *                           {@link ZooTask#needsData() needs data}, ignored otherwise (may be null)
 * @param runs               number of runs (run indices 0..runs-1)
 * @param masterSeed         with the run index, decides everything about a run
 * @param checkpointEpochs   strictly increasing epochs after which a checkpoint is taken (e.g. 1, 2, 4, 8);
 *                           at least two, so that every run has at least two checkpoints
 * @param outputDir          one checkpoint file per run goes here
 * @param cpuThreads         PyTorch intra-op threads (read once, at engine start: see {@link #djlSettings})
 * @param maxBatchesPerEpoch 0 for full epochs; a positive value cuts epochs short (tests, smoke runs)
 */
public record ZooConfig(ZooTask task, Path dataDir, int runs, long masterSeed, List<Integer> checkpointEpochs, Path outputDir,
                        int cpuThreads, int maxBatchesPerEpoch) {
    /** The most epochs a run may be asked for: keeps a typo from starting a week-long zoo. */
    public static final int MAX_EPOCHS = 200;

    public ZooConfig {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(outputDir, "outputDir");
        if (task.needsData() && dataDir == null) {
            throw new IllegalArgumentException("zoo config: task " + task + " needs a data folder (--data DIR with the IDX files)");
        }
        checkpointEpochs = List.copyOf(Objects.requireNonNull(checkpointEpochs, "checkpointEpochs"));
        check(runs >= 1, "runs", runs, ">= 1");
        check(checkpointEpochs.size() >= 2, "checkpointEpochs", checkpointEpochs, "at least two epochs");
        for (int i = 0; i < checkpointEpochs.size(); i++) {
            int e = checkpointEpochs.get(i);
            check(e >= 1 && e <= MAX_EPOCHS, "checkpointEpochs", checkpointEpochs, "epochs in 1.." + MAX_EPOCHS);
            check(i == 0 || e > checkpointEpochs.get(i - 1), "checkpointEpochs", checkpointEpochs, "strictly increasing");
        }
        check(cpuThreads >= 1, "cpuThreads", cpuThreads, ">= 1");
        check(maxBatchesPerEpoch >= 0, "maxBatchesPerEpoch", maxBatchesPerEpoch, ">= 0 (0 = full epochs)");
    }

    /** Digits, checkpoints after epochs 1, 2, 4 and 8, full epochs, 2 threads. */
    public static ZooConfig digits(int runs, long masterSeed, Path outputDir) {
        return new ZooConfig(ZooTask.DIGITS, null, runs, masterSeed, List.of(1, 2, 4, 8), outputDir, 2, 0);
    }

    /** MNIST from the IDX folder {@code dataDir}, otherwise like {@link #digits}. */
    public static ZooConfig mnist(Path dataDir, int runs, long masterSeed, Path outputDir) {
        return new ZooConfig(ZooTask.MNIST, dataDir, runs, masterSeed, List.of(1, 2, 4, 8), outputDir, 2, 0);
    }

    public ZooConfig withCheckpointEpochs(List<Integer> epochs) {
        return new ZooConfig(task, dataDir, runs, masterSeed, epochs, outputDir, cpuThreads, maxBatchesPerEpoch);
    }

    public ZooConfig withMaxBatchesPerEpoch(int maxBatches) {
        return new ZooConfig(task, dataDir, runs, masterSeed, checkpointEpochs, outputDir, cpuThreads, maxBatches);
    }

    public ZooConfig withRuns(int runs) {
        return new ZooConfig(task, dataDir, runs, masterSeed, checkpointEpochs, outputDir, cpuThreads, maxBatchesPerEpoch);
    }

    /**
     * The engine settings for this zoo: the environment's cache folder with {@code cpuThreads}
     * intra-op threads. DJL reads threads once, so pass this to {@code DjlRuntime.start} before
     * anything else touches DJL.
     */
    public DjlSettings djlSettings(Path projectDir) {
        DjlSettings env = DjlSettings.fromEnvironment(projectDir);
        return new DjlSettings(env.cacheDir(), cpuThreads, 1);
    }

    private static void check(boolean ok, String field, Object value, String allowed) {
        if (!ok) {
            throw new IllegalArgumentException("zoo config: " + field + " must be " + allowed + ", got " + value);
        }
    }
}
