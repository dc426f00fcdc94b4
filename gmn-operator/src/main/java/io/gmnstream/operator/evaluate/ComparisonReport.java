package io.gmnstream.operator.evaluate;

import java.util.List;
import java.util.Objects;

/**
 * An evaluation of one model folder on one zoo: a {@link SplitComparison} per saved split (the
 * by-run model, and its out-of-distribution sibling when there is one). Rendered by
 * {@link ComparisonJson}, {@link ComparisonText} and {@link ComparisonMarkdown}.
 *
 * @param zooHash        hash of the evaluated zoo ({@code ZooCheckpoints.hash})
 * @param zooRunFiles    run files in the evaluated zoo
 * @param zooCheckpoints labelled checkpoints in the evaluated zoo
 * @param modelVersion   the evaluated model's version, as {@code gmn-stream score} reports it
 *                       ({@link io.gmnstream.operator.score.ModelVersion})
 * @param modelFormat    the model folders' format version ({@code GmnModel.FORMAT_VERSION})
 * @param splits         one per evaluated model
 */
public record ComparisonReport(String zooHash, int zooRunFiles, int zooCheckpoints, String modelVersion,
                               String modelFormat, List<SplitComparison> splits) {
    public ComparisonReport {
        Objects.requireNonNull(zooHash, "zooHash");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(modelFormat, "modelFormat");
        splits = List.copyOf(splits);
    }
}
