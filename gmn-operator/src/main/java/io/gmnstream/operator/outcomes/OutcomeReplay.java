package io.gmnstream.operator.outcomes;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import io.gmnstream.operator.gmn.GmnModel;
import io.gmnstream.operator.learn.GmnFitter;
import io.gmnstream.operator.learn.RegressionMetrics;
import io.gmnstream.schemas.avro.RunStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Replays a zoo's runs as if their outcomes arrived over time: each run's last checkpoint is its
 * outcome, the first N runs (in a fixed order) are "reported" for each N of a growing list, and an
 * {@link OutcomeTrainer} round runs after each amount, starting from a given model (or an untrained
 * one). Before the first round and after every round the served model is scored on ALL the zoo's
 * held-out runs (a fixed set, unlike the round's own held-out runs, which grow with N), so the rows
 * show how the served model's error falls.
 */
public final class OutcomeReplay {
    /** One row of the table; {@code round} is null for the starting model's row. */
    public record Row(int outcomes, OutcomeTrainer.Round round, RegressionMetrics served) {
        public String format() {
            if (round == null) {
                return String.format(Locale.ROOT, "| %d | - | - | - | start | %.4f | %.3f | |", outcomes, served.mae(),
                        served.kendallTau());
            }
            RegressionMetrics c = round.candidate();
            return String.format(Locale.ROOT, "| %d | %d | %s | %s | %s | %.4f | %.3f | %s |", outcomes, round.heldOutRuns(),
                    c == null ? "-" : String.format(Locale.ROOT, "%.4f", c.mae()),
                    round.current() == null ? "-" : String.format(Locale.ROOT, "%.4f", round.current().mae()),
                    round.status(), served.mae(), served.kendallTau(), round.reason());
        }
    }

    public static final String HEADER = "| outcomes | held-out runs (round) | candidate MAE | current MAE | decision "
            + "| served MAE (all held-out) | served tau | why |\n|---|---|---|---|---|---|---|---|";

    private OutcomeReplay() {
    }

    /**
     * @param checkpoints a zoo's checkpoints
     * @param amounts     growing numbers of reported runs
     * @param modelDir    the served model: a copy of {@code startModel} (or an untrained one) is saved here first
     * @param startModel  the model served before any outcome; null for an untrained one
     */
    public static List<Row> run(List<LabelledCheckpoint> checkpoints, List<Integer> amounts, OutcomeTrainer.Config config,
                                Path modelDir, Path startModel, Consumer<String> log) throws IOException {
        Map<String, LabelledCheckpoint> last = new LinkedHashMap<>();
        for (LabelledCheckpoint c : checkpoints) {
            last.merge(c.runId(), c, (a, b) -> b.step() > a.step() ? b : a);
        }
        // A fixed arrival order that is not the id order (ids carry the run index).

        List<LabelledCheckpoint> runs = new ArrayList<>(last.values());
        runs.sort(Comparator.comparing((LabelledCheckpoint c) -> Integer.toHexString(c.runId().hashCode() * 31 + 7))
                .thenComparing(LabelledCheckpoint::runId));
        List<LabelledCheckpoint> allHeldOut = config.heldOut().split(toExamples(runs)).get(1);
        if (startModel == null) {
            try (GmnModel untrained = GmnModel.create(config.gmn(), (int) config.settings().seed() + 1)) {
                ModelPublisher.publish(modelDir, dir -> untrained.save(dir, Map.of("note", "untrained starting model")));
            }
        } else {
            try (GmnModel start = GmnModel.load(startModel)) {
                ModelPublisher.publish(modelDir, dir -> start.save(dir, Map.of()));
            }
        }
        OutcomeTrainer trainer = new OutcomeTrainer(config);
        List<Row> rows = new ArrayList<>();
        rows.add(logged(new Row(0, null, served(modelDir, allHeldOut, config)), log));
        for (int n : amounts) {
            List<LabelledCheckpoint> reported = toExamples(runs.subList(0, Math.min(n, runs.size())));
            OutcomeTrainer.Round round = trainer.round(reported, OutcomeTrainer.BaseExamples.none(), modelDir);
            rows.add(logged(new Row(reported.size(), round, served(modelDir, allHeldOut, config)), log));
        }
        return rows;
    }

    private static Row logged(Row row, Consumer<String> log) {
        log.accept(row.format());
        return row;
    }

    private static RegressionMetrics served(Path modelDir, List<LabelledCheckpoint> allHeldOut, OutcomeTrainer.Config config)
            throws IOException {
        try (GmnModel model = GmnModel.load(modelDir)) {
            return GmnFitter.evaluate(model, allHeldOut, "all held-out", config.settings().evalBatchSize()).accuracy();
        }
    }

    /** Each run's last checkpoint as its outcome, joined the way the topic path joins them. */
    private static List<LabelledCheckpoint> toExamples(List<LabelledCheckpoint> finals) {
        OutcomeJoiner joiner = new OutcomeJoiner(finals.size());
        for (LabelledCheckpoint c : finals) {
            joiner.offerGraph(new GraphObservation(c.runId(), c.step(), "digits", Map.of(), c.graph()));
            joiner.offerOutcome(new RunOutcomeLabel(c.runId(), "digits", RunStatus.COMPLETED, c.testAccuracy(),
                    c.trainAccuracy(), c.step(), 0L));
        }
        return joiner.result().examples();
    }
}
