package io.gmnstream.operator.learn;

import io.gmnstream.operator.dataset.RunSplit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How a saved model's training data was split, so that an evaluation can rebuild the held-out set
 * and prove that no test run was seen in training: the split's kind and parameters go into the model
 * metadata ({@code split.*}) and the ids of the training runs into {@value #TRAIN_RUNS_FILE} in the
 * model folder (one id per line, sorted, UTF-8).
 *
 * <p>The run ids, not the test ids, are the record: an evaluation on any zoo tests every run that is
 * NOT in this list, so even a different or grown zoo never tests a run the model trained on.
 *
 * @param kind       {@value #BY_RUN} or {@value #OOD}
 * @param parameters the split's parameters, e.g. {@code testFraction} and {@code seed}
 * @param description the split's description ({@link RunSplit#description()})
 * @param trainRuns  the training runs (sorted)
 * @param testRuns   the held-out runs of the zoo trained on (sorted)
 */
public record SplitRecord(String kind, Map<String, String> parameters, String description, Set<String> trainRuns,
                          Set<String> testRuns) {
    public static final String TRAIN_RUNS_FILE = "train-runs.txt";
    public static final String BY_RUN = "by-run";
    public static final String OOD = "ood";
    /** Metadata key prefix. */
    public static final String PREFIX = "split.";

    public SplitRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        trainRuns = Collections.unmodifiableSortedSet(new TreeSet<>(trainRuns));
        testRuns = Collections.unmodifiableSortedSet(new TreeSet<>(testRuns));
        // One id per line: an id with a line break or surrounding blanks would not read back the same.
        for (String id : trainRuns) {
            if (id.isBlank() || !id.strip().equals(id) || id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("run id cannot be recorded one per line: '" + id + "'");
            }
        }
    }

    /** A random split by run ({@link RunSplit#byRun}). */
    public static SplitRecord byRun(RunSplit split, double testFraction, long seed) {
        return new SplitRecord(BY_RUN, Map.of("testFraction", Double.toString(testFraction), "seed", Long.toString(seed)),
                split.description(), split.trainRuns(), split.testRuns());
    }

    /** An out-of-distribution split by width ({@link RunSplit#outOfDistribution}). */
    public static SplitRecord outOfDistribution(RunSplit split, int widthThreshold, double testFraction) {
        return new SplitRecord(OOD, Map.of("widthThreshold", Integer.toString(widthThreshold), "testFraction",
                Double.toString(testFraction)), split.description(), split.trainRuns(), split.testRuns());
    }

    /** Metadata entries: {@code split.kind}, {@code split.description}, run counts, and each parameter. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PREFIX + "kind", kind);
        m.put(PREFIX + "description", description);
        m.put(PREFIX + "trainRuns", Integer.toString(trainRuns.size()));
        m.put(PREFIX + "testRuns", Integer.toString(testRuns.size()));
        m.put(PREFIX + "runsFile", TRAIN_RUNS_FILE);
        parameters.forEach((k, v) -> m.put(PREFIX + k, v));
        return m;
    }

    /** Writes {@value #TRAIN_RUNS_FILE} into {@code modelDir} (created if missing). */
    public void writeTrainRuns(Path modelDir) throws IOException {
        Files.createDirectories(modelDir);
        StringBuilder sb = new StringBuilder();
        trainRuns.forEach(id -> sb.append(id).append('\n'));
        Files.writeString(modelDir.resolve(TRAIN_RUNS_FILE), sb.toString(), StandardCharsets.UTF_8);
    }

    /**
     * The training run ids saved with a model.
     *
     * @throws IOException when the model folder has no {@value #TRAIN_RUNS_FILE} (a model saved
     *                     before splits were recorded cannot prove its held-out set) or it is empty
     */
    public static SortedSet<String> readTrainRuns(Path modelDir) throws IOException {
        Path file = modelDir.resolve(TRAIN_RUNS_FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("model " + modelDir + " has no " + TRAIN_RUNS_FILE
                    + ", so its training runs are unknown; retrain it with this version of bin/gmn-stream train", e);
        }
        SortedSet<String> runs = new TreeSet<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                runs.add(line.strip());
            }
        }
        if (runs.isEmpty()) {
            throw new IOException(file + " lists no training runs");
        }
        return Collections.unmodifiableSortedSet(runs);
    }
}
