package io.gmnstream.operator.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A train/test split of labelled checkpoints BY RUN: every checkpoint of a run is on the same side,
 * so no checkpoint of a test run is ever seen in training. Lists keep the input order.
 *
 * @param train       checkpoints of the train runs
 * @param test        checkpoints of the test runs
 * @param trainRuns   ids of the train runs (sorted)
 * @param testRuns    ids of the test runs (sorted)
 * @param description how the split was made, e.g. {@code by-run test=0.2 seed=7}
 */
public record RunSplit(List<LabelledCheckpoint> train, List<LabelledCheckpoint> test, Set<String> trainRuns,
                       Set<String> testRuns, String description) {

    public RunSplit {
        train = List.copyOf(train);
        test = List.copyOf(test);
        trainRuns = Collections.unmodifiableSet(new TreeSet<>(trainRuns));
        testRuns = Collections.unmodifiableSet(new TreeSet<>(testRuns));
        for (String r : testRuns) {
            if (trainRuns.contains(r)) {
                throw new IllegalArgumentException("run " + r + " is on both sides of the split");
            }
        }
    }

    /**
     * A random split of the runs: {@code round(testFraction * runs)} runs (at least one, and at least
     * one left for training when there are two or more runs) go to test. Deterministic in
     * {@code seed} and independent of the order of {@code all}.
     */
    public static RunSplit byRun(List<LabelledCheckpoint> all, double testFraction, long seed) {
        Objects.requireNonNull(all, "all");
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
        List<String> runs = new ArrayList<>(runIds(all));
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no checkpoints to split");
        }
        Collections.shuffle(runs, new Random(seed));
        int nTest = (int) Math.round(testFraction * runs.size());
        nTest = Math.max(1, Math.min(nTest, runs.size() - 1));
        if (runs.size() == 1) {
            nTest = 1;
        }
        Set<String> test = new TreeSet<>(runs.subList(0, nTest));
        return partition(all, test, String.format(java.util.Locale.ROOT, "by-run test=%.3f seed=%d", testFraction, seed));
    }

    /**
     * Out of distribution by width: runs whose {@code maxWidth <= widthThreshold} train, wider ones test.
     */
    public static RunSplit outOfDistribution(List<LabelledCheckpoint> all, int widthThreshold) {
        Objects.requireNonNull(all, "all");
        Set<String> test = new TreeSet<>();
        for (LabelledCheckpoint c : all) {
            if (c.maxWidth() > widthThreshold) {
                test.add(c.runId());
            }
        }
        return partition(all, test, "ood width<=" + widthThreshold + " -> wider");
    }

    /**
     * The width threshold that puts about {@code testFraction} of the runs (the widest ones) on the
     * test side: the largest run width w such that runs wider than w are at least that fraction.
     */
    public static int widthQuantile(List<LabelledCheckpoint> all, double testFraction) {
        java.util.Map<String, Integer> width = new java.util.TreeMap<>();
        for (LabelledCheckpoint c : all) {
            width.put(c.runId(), c.maxWidth());
        }
        List<Integer> widths = new ArrayList<>(width.values());
        Collections.sort(widths);
        if (widths.isEmpty()) {
            throw new IllegalArgumentException("no checkpoints");
        }
        int idx = (int) Math.floor((1 - testFraction) * widths.size()) - 1;
        idx = Math.max(0, Math.min(idx, widths.size() - 1));
        return widths.get(idx);
    }

    private static RunSplit partition(List<LabelledCheckpoint> all, Set<String> testRuns, String description) {
        List<LabelledCheckpoint> train = new ArrayList<>();
        List<LabelledCheckpoint> test = new ArrayList<>();
        Set<String> trainRuns = new TreeSet<>();
        Set<String> tr = new TreeSet<>();
        for (LabelledCheckpoint c : all) {
            if (testRuns.contains(c.runId())) {
                test.add(c);
                tr.add(c.runId());
            } else {
                train.add(c);
                trainRuns.add(c.runId());
            }
        }
        return new RunSplit(train, test, trainRuns, tr, description);
    }

    private static Set<String> runIds(List<LabelledCheckpoint> all) {
        Set<String> ids = new TreeSet<>();
        for (LabelledCheckpoint c : all) {
            ids.add(c.runId());
        }
        return ids;
    }
}
