package io.gmnstream.operator.zoo;

import io.gmnstream.operator.data.DigitsDataset;
import io.gmnstream.operator.data.TaskData;
import java.util.Locale;

/**
 * The tasks a zoo can be trained on. Only digits today; MNIST (an IDX folder) comes as a second
 * constant with its own loader, the sampler and generator do not change.
 */
public enum ZooTask {
    /** The bundled 8x8 digits, the canonical split of shared/data/README.md. */
    DIGITS(DigitsDataset.TASK);

    private final String taskId;

    ZooTask(String taskId) {
        this.taskId = taskId;
    }

    /** The task name written into every manifest, e.g. {@code digits-8x8}. */
    public String taskId() {
        return taskId;
    }

    public TaskData load() {
        return switch (this) {
            case DIGITS -> DigitsDataset.load();
        };
    }

    /** Accepts the CLI spelling ({@code digits}) or the task id ({@code digits-8x8}). */
    public static ZooTask parse(String name) {
        for (ZooTask t : values()) {
            if (t.name().equalsIgnoreCase(name) || t.taskId.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown zoo task '" + name + "'; known: digits");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
