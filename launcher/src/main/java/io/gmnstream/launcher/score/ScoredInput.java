package io.gmnstream.launcher.score;

import io.gmnstream.launcher.graph.GraphInput;
import io.gmnstream.operator.score.GraphScore;

/** One file named on the command line, its graph's size and its score. */
record ScoredInput(String input, GraphInput graphInput, GraphScore score) {
}
