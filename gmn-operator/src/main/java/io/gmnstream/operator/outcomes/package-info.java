/**
 * Learning from run outcomes: {@link io.gmnstream.operator.outcomes.OutcomeReader} reads gmn.graphs
 * and gmn.run-outcomes, {@link io.gmnstream.operator.outcomes.OutcomeJoiner} labels each finished
 * run's final graph with its reported accuracies, and
 * {@link io.gmnstream.operator.outcomes.OutcomeTrainer} fits a candidate GMN, compares it with the
 * current model on the same held-out runs ({@link io.gmnstream.operator.outcomes.HeldOutRuns}) and
 * publishes it ({@link io.gmnstream.operator.outcomes.ModelPublisher}) only when
 * {@link io.gmnstream.operator.outcomes.PublishRule} says it is better.
 */
package io.gmnstream.operator.outcomes;
