package io.gmnstream.operator.zoo;

import java.util.List;

/**
 * What a {@link ZooGenerator#generate} call did.
 *
 * @param runsTotal         runs in the zoo
 * @param runsTrained       runs trained and written by this call
 * @param runsSkipped       runs already complete on disk (resume)
 * @param checkpointsWritten checkpoints in the files written by this call
 * @param diverged          trained runs whose loss became NaN/infinite (still written)
 * @param stalled           trained runs that ended near chance on their own train data (still written)
 * @param failedRunIds      runs that threw (no file written; a later call retries them)
 * @param cpuSeconds        process CPU seconds spent training and writing the trained runs
 * @param wallSeconds       wall-clock seconds of the call
 * @param testAccuracies    final test accuracy of each trained run, in run order
 */
public record ZooReport(int runsTotal, int runsTrained, int runsSkipped, long checkpointsWritten, int diverged, int stalled,
                        List<String> failedRunIds, double cpuSeconds, double wallSeconds, List<Double> testAccuracies) {
    public ZooReport {
        failedRunIds = List.copyOf(failedRunIds);
        testAccuracies = List.copyOf(testAccuracies);
    }

    /** Measured CPU seconds per trained run, times 1,000 (NaN when nothing was trained). */
    public double cpuSecondsPer1000Runs() {
        return runsTrained == 0 ? Double.NaN : cpuSeconds / runsTrained * 1000;
    }

    /** A few lines for the CLI. */
    public String summary() {
        double[] acc = testAccuracies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        String spread = acc.length == 0 ? "n/a" : String.format("min %.3f, median %.3f, max %.3f", acc[0],
                acc[acc.length / 2], acc[acc.length - 1]);
        return String.format("zoo: %d runs (%d trained, %d already done), %d checkpoints written%n"
                        + "outcomes: %d diverged, %d stalled, %d failed%s%n"
                        + "final test accuracy: %s%n"
                        + "cpu: %.1f s (%.2f s per run, %.0f s = %.2f h per 1,000 runs); wall %.1f s",
                runsTotal, runsTrained, runsSkipped, checkpointsWritten, diverged, stalled, failedRunIds.size(),
                failedRunIds.isEmpty() ? "" : " " + failedRunIds, spread, cpuSeconds,
                runsTrained == 0 ? 0 : cpuSeconds / runsTrained, cpuSecondsPer1000Runs(), cpuSecondsPer1000Runs() / 3600,
                wallSeconds);
    }
}
