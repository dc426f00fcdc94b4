package io.gmnstream.operator.outcomes;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import io.gmnstream.operator.gmn.NonFiniteValues;
import io.gmnstream.schemas.avro.RunStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins run outcomes with the runs' graphs into labelled examples, records arriving in any order.
 *
 * <p>Label: testAccuracy = the outcome's finalTestAccuracy; gap = finalTrainAccuracy - finalTestAccuracy.
 * When the outcome has no train accuracy, the checkpoint's own {@code train_accuracy_clean} (else
 * {@code train_accuracy}) metric stands in, as the zoo loader does; with neither the run is skipped,
 * since the GMN always learns both targets.
 *
 * <p>Graph: the run's checkpoint at the outcome's finalStep. If that step never reached gmn.graphs
 * (the job's last checkpoint was not published, or it was published before the outcome named it and
 * a later step replaced it here) the run's LATEST graph is used: the nearest the stream has to the
 * final weights. {@link Result#fellBackToLatest()} counts those.
 *
 * <p>Memory: graphs can be large, so at most one graph is kept per run: the one at finalStep once the
 * outcome is known, else the latest step seen. Outcomes whose run has no graph yet wait, at most
 * {@code maxWaiting} of them (the oldest report is dropped first and counted); a later round, which
 * reads the topics again, joins them once their graphs arrive. Not thread-safe.
 */
public final class OutcomeJoiner {
    /** Family tag of outcome examples in evaluation reports: they are grouped by task. */
    static final String FAMILY_PREFIX = "task:";

    private final int maxWaiting;
    private final Map<String, GraphObservation> graphByRun = new HashMap<>();
    private final Map<String, RunOutcomeLabel> outcomeByRun = new HashMap<>();
    private int droppedWaiting;

    /** @param maxWaiting how many outcomes without a graph are kept waiting */
    public OutcomeJoiner(int maxWaiting) {
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("maxWaiting must be >= 0, was " + maxWaiting);
        }
        this.maxWaiting = maxWaiting;
    }

    /** Whether a graph of this run and step would be kept: lets a reader skip unpacking the rest. */
    public boolean wants(String runId, long step) {
        RunOutcomeLabel outcome = outcomeByRun.get(runId);
        GraphObservation held = graphByRun.get(runId);
        if (held == null) {
            return true;
        }
        if (outcome != null && held.step() == outcome.finalStep()) {
            return false; // already holds the named step
        }
        if (outcome != null && step == outcome.finalStep()) {
            return true;
        }
        return step >= held.step();
    }

    public void offerGraph(GraphObservation graph) {
        if (wants(graph.runId(), graph.step())) {
            graphByRun.put(graph.runId(), graph);
        }
    }

    /** A later report of the same run replaces an earlier one (by reportedAtMillis; ties: the later offer). */
    public void offerOutcome(RunOutcomeLabel outcome) {
        RunOutcomeLabel old = outcomeByRun.get(outcome.runId());
        if (old != null && old.reportedAtMillis() > outcome.reportedAtMillis()) {
            return;
        }
        outcomeByRun.put(outcome.runId(), outcome);
        dropOldestWaitingBeyondBound();
    }

    private void dropOldestWaitingBeyondBound() {
        if (outcomeByRun.size() <= maxWaiting) {
            return; // cheap gate: fewer outcomes than the bound, so fewer waiting ones too
        }
        List<RunOutcomeLabel> waiting = outcomeByRun.values().stream().filter(o -> !graphByRun.containsKey(o.runId()))
                .sorted(Comparator.comparingLong(RunOutcomeLabel::reportedAtMillis).thenComparing(RunOutcomeLabel::runId))
                .toList();
        for (int i = 0; i < waiting.size() - maxWaiting; i++) {
            outcomeByRun.remove(waiting.get(i).runId());
            droppedWaiting++;
        }
    }

    /**
     * The join so far.
     *
     * @param examples         labelled final checkpoints, sorted by run id
     * @param outcomes         distinct runs with an outcome (dropped waiting ones not included)
     * @param notCompleted     skipped: status other than COMPLETED
     * @param noTestAccuracy   skipped: COMPLETED without a finite finalTestAccuracy
     * @param noTrainAccuracy  skipped: no train accuracy in the outcome nor in the checkpoint's metrics
     * @param waiting          outcomes whose run has no graph yet
     * @param droppedWaiting   waiting outcomes dropped to keep the bound
     * @param fellBackToLatest examples labelled on the run's latest graph because finalStep was missing
     */
    public record Result(List<LabelledCheckpoint> examples, int outcomes, int notCompleted, int noTestAccuracy,
                         int noTrainAccuracy, int waiting, int droppedWaiting, int fellBackToLatest) {
        public Result {
            examples = List.copyOf(examples);
        }

        public String summary() {
            return String.format(java.util.Locale.ROOT, "%d outcomes -> %d examples (skipped: %d not COMPLETED, "
                            + "%d without test accuracy, %d without train accuracy; %d waiting for graphs, %d dropped "
                            + "waiting; %d labelled on the latest graph as finalStep was missing)", outcomes,
                    examples.size(), notCompleted, noTestAccuracy, noTrainAccuracy, waiting, droppedWaiting,
                    fellBackToLatest);
        }
    }

    public Result result() {
        List<LabelledCheckpoint> examples = new ArrayList<>();
        int notCompleted = 0;
        int noTest = 0;
        int noTrain = 0;
        int waiting = 0;
        int fellBack = 0;
        for (RunOutcomeLabel o : outcomeByRun.values()) {
            if (o.status() != RunStatus.COMPLETED) {
                notCompleted++;
                continue;
            }
            if (o.finalTestAccuracy() == null || !Double.isFinite(o.finalTestAccuracy())) {
                noTest++;
                continue;
            }
            GraphObservation graph = graphByRun.get(o.runId());
            if (graph == null) {
                waiting++;
                continue;
            }
            Double train = trainAccuracy(o, graph);
            if (train == null) {
                noTrain++;
                continue;
            }
            if (graph.step() != o.finalStep()) {
                fellBack++;
            }
            examples.add(label(o, graph, train));
        }
        examples.sort(Comparator.comparing(LabelledCheckpoint::runId));
        return new Result(examples, outcomeByRun.size(), notCompleted, noTest, noTrain, waiting, droppedWaiting,
                fellBack);
    }

    private static Double trainAccuracy(RunOutcomeLabel o, GraphObservation graph) {
        if (o.finalTrainAccuracy() != null && Double.isFinite(o.finalTrainAccuracy())) {
            return o.finalTrainAccuracy();
        }
        Double metric = graph.metrics().getOrDefault("train_accuracy_clean", graph.metrics().get("train_accuracy"));
        return metric != null && Double.isFinite(metric) ? metric : null;
    }

    private static LabelledCheckpoint label(RunOutcomeLabel o, GraphObservation g, double train) {
        double test = o.finalTestAccuracy();
        boolean diverged = g.metrics().getOrDefault("diverged", 0.0) != 0.0;
        boolean finite = NonFiniteValues.allFinite(g.graph().edgeValue());
        // No tensors: the GMN reads only the graph; maxWidth 0: outcome runs take no part in the width split.
        return new LabelledCheckpoint(o.runId(), FAMILY_PREFIX + o.task(), -1, g.step(), -1, g.graph(), Map.of(), test,
                train, train - test, diverged, finite, 0);
    }
}
