/**
 * The zoo as a labelled data set: {@link io.gmnstream.operator.dataset.ZooCheckpoints} loads a zoo
 * folder into {@link io.gmnstream.operator.dataset.LabelledCheckpoint}s and
 * {@link io.gmnstream.operator.dataset.RunSplit} splits them by run (random, or out of distribution
 * by width). Shared by the GMN fitter and the baselines so that both see the same split.
 */
package io.gmnstream.operator.dataset;
