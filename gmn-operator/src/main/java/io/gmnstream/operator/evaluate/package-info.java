/**
 * Held-out evaluation of the GMN against its baselines on one split. {@link
 * io.gmnstream.operator.evaluate.HeldOutSplit} rebuilds the test set from a saved model's training
 * runs (every run of the zoo that the model did not train on), {@link
 * io.gmnstream.operator.evaluate.Comparison} fits the baselines on exactly the training runs, applies
 * the model's non-finite policy to every predictor's input and scores each {@link
 * io.gmnstream.operator.evaluate.Predictor} on the same test checkpoints; {@link
 * io.gmnstream.operator.evaluate.ComparisonReport} renders the result as a table, JSON or markdown.
 * Used by {@code bin/gmn-stream eval} and meant for the retraining loop as well.
 */
package io.gmnstream.operator.evaluate;
