package io.gmnstream.operator.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gmnstream.operator.dataset.LabelledCheckpoint;
import io.gmnstream.operator.service.TestGraphs;
import io.gmnstream.schemas.avro.RunStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeJoinerTest {

    private static GraphObservation graph(String run, long step, Map<String, Double> metrics) {
        return new GraphObservation(run, step, "digits", metrics, TestGraphs.mlp(run.hashCode() + step, 64, 8, 10));
    }

    private static RunOutcomeLabel completed(String run, long finalStep, Double test, Double train, long at) {
        return new RunOutcomeLabel(run, "digits", RunStatus.COMPLETED, test, train, finalStep, at);
    }

    @Test
    void shouldLabelTheCheckpointAtFinalStepWithTheOutcomesAccuracies() {
        OutcomeJoiner joiner = new OutcomeJoiner(10);
        joiner.offerOutcome(completed("r1", 20, 0.8, 0.9, 1));
        joiner.offerGraph(graph("r1", 10, Map.of()));
        joiner.offerGraph(graph("r1", 20, Map.of()));
        joiner.offerGraph(graph("r1", 30, Map.of())); // a later step must not replace the named one

        OutcomeJoiner.Result result = joiner.result();

        assertThat(result.examples()).singleElement().satisfies(c -> {
            assertThat(c.runId()).isEqualTo("r1");
            assertThat(c.step()).isEqualTo(20);
            assertThat(c.testAccuracy()).isEqualTo(0.8);
            assertThat(c.generalizationGap()).isCloseTo(0.1, within(1e-12));
            assertThat(c.family()).isEqualTo("task:digits");
        });
        assertThat(result.fellBackToLatest()).isZero();
    }

    @Test
    void shouldLetAnOutcomeWaitForItsGraphsAndJoinWhenTheyArrive() {
        OutcomeJoiner joiner = new OutcomeJoiner(10);
        joiner.offerOutcome(completed("r1", 5, 0.7, 0.75, 1));

        assertThat(joiner.result().examples()).isEmpty();
        assertThat(joiner.result().waiting()).isEqualTo(1);

        joiner.offerGraph(graph("r1", 5, Map.of()));
        assertThat(joiner.result().examples()).extracting(LabelledCheckpoint::key).containsExactly("r1@step5");
        assertThat(joiner.result().waiting()).isZero();
    }

    @Test
    void shouldBoundWaitingOutcomesDroppingTheOldestReport() {
        OutcomeJoiner joiner = new OutcomeJoiner(2);
        joiner.offerOutcome(completed("old", 5, 0.7, 0.75, 1));
        joiner.offerOutcome(completed("mid", 5, 0.7, 0.75, 2));
        joiner.offerOutcome(completed("new", 5, 0.7, 0.75, 3));
        joiner.offerGraph(graph("old", 5, Map.of()));
        joiner.offerGraph(graph("new", 5, Map.of()));

        OutcomeJoiner.Result result = joiner.result();
        assertThat(result.droppedWaiting()).isEqualTo(1);
        assertThat(result.examples()).extracting(LabelledCheckpoint::runId).containsExactly("new");
        assertThat(result.waiting()).isEqualTo(1);
    }

    @Test
    void shouldFallBackToTheLatestGraphWhenFinalStepNeverArrived() {
        OutcomeJoiner joiner = new OutcomeJoiner(10);
        joiner.offerGraph(graph("r1", 10, Map.of()));
        joiner.offerGraph(graph("r1", 30, Map.of()));
        joiner.offerGraph(graph("r1", 20, Map.of()));
        joiner.offerOutcome(completed("r1", 40, 0.6, 0.65, 1));

        OutcomeJoiner.Result result = joiner.result();
        assertThat(result.examples()).extracting(LabelledCheckpoint::key).containsExactly("r1@step30");
        assertThat(result.fellBackToLatest()).isEqualTo(1);
    }

    @Test
    void shouldSkipAndCountRunsThatDidNotCompleteOrHaveNoAccuracy() {
        OutcomeJoiner joiner = new OutcomeJoiner(10);
        for (String run : new String[] {"failed", "aborted", "unknown", "noTest", "ok"}) {
            joiner.offerGraph(graph(run, 1, Map.of()));
        }
        joiner.offerOutcome(new RunOutcomeLabel("failed", "digits", RunStatus.FAILED, 0.1, 0.1, 1, 1));
        joiner.offerOutcome(new RunOutcomeLabel("aborted", "digits", RunStatus.ABORTED, 0.1, 0.1, 1, 1));
        joiner.offerOutcome(new RunOutcomeLabel("unknown", "digits", RunStatus.UNKNOWN, 0.1, 0.1, 1, 1));
        joiner.offerOutcome(completed("noTest", 1, null, 0.9, 1));
        joiner.offerOutcome(completed("ok", 1, 0.9, 0.95, 1));

        OutcomeJoiner.Result result = joiner.result();
        assertThat(result.examples()).extracting(LabelledCheckpoint::runId).containsExactly("ok");
        assertThat(result.notCompleted()).isEqualTo(3);
        assertThat(result.noTestAccuracy()).isEqualTo(1);
        assertThat(result.outcomes()).isEqualTo(5);
        assertThat(result.summary()).contains("3 not COMPLETED", "1 without test accuracy");
    }

    @Test
    void shouldUseTheCheckpointsTrainAccuracyWhenTheOutcomeHasNoneAndSkipWhenNeitherHasOne() {
        OutcomeJoiner joiner = new OutcomeJoiner(10);
        joiner.offerGraph(graph("withMetric", 1, Map.of("train_accuracy", 0.95)));
        joiner.offerGraph(graph("without", 1, Map.of()));
        joiner.offerOutcome(completed("withMetric", 1, 0.9, null, 1));
        joiner.offerOutcome(completed("without", 1, 0.9, null, 1));

        OutcomeJoiner.Result result = joiner.result();
        assertThat(result.examples()).singleElement().satisfies(c -> {
            assertThat(c.runId()).isEqualTo("withMetric");
            assertThat(c.generalizationGap()).isCloseTo(0.05, within(1e-12));
        });
        assertThat(result.noTrainAccuracy()).isEqualTo(1);
    }

    @Test
    void shouldKeepTheLatestReportOfARun() {
        OutcomeJoiner joiner = new OutcomeJoiner(10);
        joiner.offerGraph(graph("r1", 1, Map.of()));
        joiner.offerOutcome(completed("r1", 1, 0.5, 0.6, 200));
        joiner.offerOutcome(completed("r1", 1, 0.1, 0.2, 100)); // an older report arriving late

        assertThat(joiner.result().examples()).singleElement()
                .satisfies(c -> assertThat(c.testAccuracy()).isEqualTo(0.5));
    }
}
