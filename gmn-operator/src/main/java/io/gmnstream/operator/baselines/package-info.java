/**
 * Baselines the GMN is compared against, on the same by-run split and in the same report
 * (issue 3): {@link io.gmnstream.operator.baselines.StatNnBaseline} (StatNN, Unterthiner et al.
 * 2020: per-tensor statistics into gradient-boosted trees) and
 * {@link io.gmnstream.operator.baselines.NaiveBaseline} (weight norms into ridge regression).
 *
 * <p>Feature design: the zoo mixes architectures, so per-tensor statistics are pooled into fixed
 * groups (first / hidden / last dense layer, all weights, all biases, normalisation gains and
 * shifts) with the layer order taken from the spec through the parameter graph; see
 * {@link io.gmnstream.operator.baselines.StatNnFeatures} for the 76 features and
 * {@link io.gmnstream.operator.baselines.ParameterLayout} for what "first" and "last" mean.
 * Statistics use finite values only; NaN and Inf counts are separate features.
 *
 * <p>The regressors are implemented here without an ML library:
 * {@link io.gmnstream.operator.baselines.GradientBoostedTrees} (depth-limited trees on squared
 * loss over quantile-binned features, shrinkage, seeded row subsampling) and
 * {@link io.gmnstream.operator.baselines.RidgeRegression} (commons-math3 Cholesky).
 */
package io.gmnstream.operator.baselines;
