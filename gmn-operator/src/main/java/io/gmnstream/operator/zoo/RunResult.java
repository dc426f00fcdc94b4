package io.gmnstream.operator.zoo;

import io.gmnstream.schemas.avro.Checkpoint;
import java.util.List;

/**
 * One trained run, before it is written: its checkpoints (weights inline) and how it ended.
 *
 * @param plan         what was trained
 * @param checkpoints  in training order; at least one, even when the run diverged
 * @param diverged     the loss became NaN or infinite; training stopped there
 * @param stalled      finished without diverging but no better than chance plus a margin on its own train data
 * @param cpuSeconds   process CPU time the run took (all engine threads)
 */
record RunResult(RunPlan plan, List<Checkpoint> checkpoints, boolean diverged, boolean stalled, double cpuSeconds) {
    RunResult {
        checkpoints = List.copyOf(checkpoints);
    }

    double lastTestAccuracy() {
        return checkpoints.get(checkpoints.size() - 1).getMetrics().get(ZooMetrics.TEST_ACCURACY);
    }
}
