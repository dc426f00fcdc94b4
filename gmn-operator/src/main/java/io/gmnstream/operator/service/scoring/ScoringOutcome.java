package io.gmnstream.operator.service.scoring;

import io.gmnstream.operator.score.GraphScore;
import io.gmnstream.operator.service.intake.GraphInput;
import io.gmnstream.operator.service.intake.Rejected;

/** What became of one graph of a batch: scored, or refused because the model could not score it. */
public sealed interface ScoringOutcome permits ScoringOutcome.Scored, ScoringOutcome.Failed {

    GraphInput input();

    /**
     * @param passGraphs graphs in the forward pass that scored it
     * @param passMillis that forward pass's time (packing the batch included)
     */
    record Scored(GraphInput input, GraphScore score, int passGraphs, double passMillis) implements ScoringOutcome {
    }

    /** The graph failed even when scored alone; {@code rejected} says why. */
    record Failed(GraphInput input, Rejected rejected) implements ScoringOutcome {
    }
}
