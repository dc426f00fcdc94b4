package io.gmnstream.operator.evaluate;

import io.gmnstream.operator.learn.EvalReport;
import java.util.Objects;

/** One predictor's figures on a split's test checkpoints. */
public record PredictorReport(String name, EvalReport report) {
    public PredictorReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(report, "report");
    }
}
