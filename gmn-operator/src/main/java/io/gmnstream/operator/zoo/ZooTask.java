package io.gmnstream.operator.zoo;

import io.gmnstream.operator.data.DigitsDataset;
import io.gmnstream.operator.data.MnistDataset;
import io.gmnstream.operator.data.TaskData;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The tasks a zoo can be trained on. Digits is bundled; MNIST is read from a folder of the four
 * gzipped IDX files (shared/data/README.md: the file split, pixel / 255). Spec input shapes follow
 * the task (64 or 784 features, [1, 8, 8] or [1, 28, 28]); the patch sizes of the attention
 * family are the task's own.
 */
public enum ZooTask {
    /** The bundled 8x8 digits, the canonical split of shared/data/README.md; 2x2 or 4x4 patches. */
    DIGITS(DigitsDataset.TASK, List.of(2, 4), false),
    /** MNIST from an IDX folder ({@code --data}); 7x7 patches (16 tokens). */
    MNIST(MnistDataset.TASK, List.of(7), true);

    private final String taskId;
    private final List<Integer> patchSizes;
    private final boolean needsData;

    ZooTask(String taskId, List<Integer> patchSizes, boolean needsData) {
        this.taskId = taskId;
        this.patchSizes = patchSizes;
        this.needsData = needsData;
    }

    /** The task name written into every manifest, e.g. {@code digits-8x8}. */
    public String taskId() {
        return taskId;
    }

    /** Patch sides the attention family samples from; each divides the image side. */
    public List<Integer> patchSizes() {
        return patchSizes;
    }

    /** True when the task is read from a data folder the user gives. */
    public boolean needsData() {
        return needsData;
    }

    /**
     * Checks that {@code dataDir} holds the task's files, without reading them (a quick failure
     * before the engine starts); a no-op for bundled tasks.
     *
     * @throws io.gmnstream.operator.data.DatasetFormatException naming the folder and the missing files
     */
    public void checkData(Path dataDir) {
        if (this == MNIST) {
            MnistDataset.requireFiles(dataDir);
        }
    }

    /** Loads the task; {@code dataDir} is the data folder of a task that {@link #needsData()}, ignored otherwise. */
    public TaskData load(Path dataDir) {
        return switch (this) {
            case DIGITS -> DigitsDataset.load();
            case MNIST -> MnistDataset.load(dataDir);
        };
    }

    /** Accepts the CLI spelling ({@code digits}, {@code mnist}) or the task id ({@code digits-8x8}). */
    public static ZooTask parse(String name) {
        for (ZooTask t : values()) {
            if (t.name().equalsIgnoreCase(name) || t.taskId.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown zoo task '" + name + "'; known: digits, mnist");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
