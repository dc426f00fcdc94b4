/**
 * Scoring with a trained GMN, free of CLI and streaming concerns so that the command line
 * ({@code gmn-stream score}), the benchmark and the streaming operator share one code path.
 * {@link io.gmnstream.operator.score.Scorer} wraps a loaded model, applies what its metadata says
 * about scoring (non-finite weights, gap scale) and scores graphs in bounded micro-batches
 * ({@link io.gmnstream.operator.score.BatchBounds}).
 */
package io.gmnstream.operator.score;
