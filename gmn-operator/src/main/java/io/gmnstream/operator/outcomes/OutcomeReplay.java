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

/**
 * Replays a zoo's runs as if their outcomes arrived over time: each run's last checkpoint is its
 * outcome, the first N runs (in a fixed order) are "reported" for each N of a growing list, and an
 * {@link OutcomeTrainer} round runs after each amount, starting from an untrained model. After every
 * round the served model is scored on ALL the zoo's held-out runs (a fixed set, unlike the round's
 * own held-out runs, which grow with N), so the rows show how the served model's error falls.
 */
public final class OutcomeReplay {
    /** One row of the table. */
    public record Row(int outcomes, OutcomeTrainer.Round round, RegressionMetrics served) {
        public String format() {
            RegressionMetrics c = round.candidate();
            return String.format(Locale.ROOT, "| %d | %d | %s | %s | %s | %.4f | %.3f |", outcomes, round.heldOutRuns(),
                    c == null ? "-" : String.format(Locale.ROOT, "%.4f", c.mae()),
                    round.current() == null ? "-" : String.format(Locale.ROOT, "%.4f", round.current().mae()),
                    round.status(), served.mae(), served.kendallTau());
        }
    }

    public static final String HEADER = "| outcomes | held-out runs (round) | candidate MAE | current MAE | decision "
            + "| served MAE (all held-out) | served tau |\n|---|---|---|---|---|---|---|";

    private OutcomeReplay() {
    }

    /**
     * @param checkpoints a zoo's checkpoints
     * @param amounts     growing numbers of reported runs
     * @param modelDir    the served model: an untrained one is saved here first
     */
    public static List<Row> run(List<LabelledCheckpoint> checkpoints, List<Integer> amounts, OutcomeTrainer.Config config,
                                Path modelDir, java.util.function.Consumer<String> log) throws IOException {
        Map<String, LabelledCheckpoint> last = new LinkedHashMap<>();
        for (LabelledCheckpoint c : checkpoints) {
            last.merge(c.runId(), c, (a, b) -> b.step() > a.step() ? b : a);
        }
        // A fixed arrival order that is not the id order (ids carry the run index).

        List<LabelledCheckpoint> runs = new ArrayList<>(last.values());
        runs.sort(Comparator.comparing((LabelledCheckpoint c) -> Integer.toHexString(c.runId().hashCode() * 31 + 7))
                .thenComparing(LabelledCheckpoint::runId));
        List<LabelledCheckpoint> allHeldOut = config.heldOut().split(toExamples(runs)).get(1);
        try (GmnModel untrained = GmnModel.create(config.gmn(), (int) config.settings().seed() + 1)) {
            ModelPublisher.publish(modelDir, dir -> untrained.save(dir, Map.of("note", "untrained starting model")));
        }
        OutcomeTrainer trainer = new OutcomeTrainer(config);
        List<Row> rows = new ArrayList<>();
        for (int n : amounts) {
            List<LabelledCheckpoint> reported = toExamples(runs.subList(0, Math.min(n, runs.size())));
            OutcomeTrainer.Round round = trainer.round(reported, OutcomeTrainer.BaseExamples.none(), modelDir);
            RegressionMetrics served;
            try (GmnModel model = GmnModel.load(modelDir)) {
                served = GmnFitter.evaluate(model, allHeldOut, "all held-out", config.settings().evalBatchSize()).accuracy();
            }
            Row row = new Row(reported.size(), round, served);
            log.accept(row.format());
            rows.add(row);
        }
        return rows;
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
