package io.gmnstream.launcher.score;

import io.gmnstream.launcher.BadInputException;
import io.gmnstream.paramgraph.GraphLayer;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.InputSpec;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The shipped GMN was trained on networks of the digits task (8x8 grey images, 10 classes): a score
 * for any other network would look plausible and mean nothing, so such networks are refused.
 * Accepted inputs are the three ways PyTorch exports feed the image: flat [N,64], an image
 * [N,1,8,8], or a sequence of 8 rows of 8 pixels [N,8,8] (the patch transformer of examples/).
 */
final class DigitsNetworks {
  static final String TASK = "digits-8x8";
  static final int CLASSES = 10;
  private static final List<InputSpec> INPUTS = List.of(
      InputSpec.features(64), InputSpec.channelsFirst(1, 8, 8), InputSpec.sequence(8, 8));

  private DigitsNetworks() {}

  /** Checks the input from the architecture alone, before the graph is built. */
  static void checkInput(NetworkSpec spec) {
    if (!INPUTS.contains(spec.input())) {
      throw new BadInputException(String.format("trained for %s: input must be [N,64], [N,1,8,8] or [N,8,8], got %s (%s)",
          TASK, shape(spec.input()), spec.input().layout().wireName()));
    }
  }

  /** Checks that the network's last layer gives one output per class. */
  static void checkOutputs(ParamGraph graph) {
    GraphLayer last = graph.layers().get(graph.layers().size() - 1);
    int outputs = last.output().count();
    if (outputs != CLASSES) {
      throw new BadInputException(String.format("trained for %s: the network must have %d outputs, got %d (layer '%s')",
          TASK, CLASSES, outputs, last.name()));
    }
  }

  private static String shape(InputSpec input) {
    String dims = input.shape().stream().map(String::valueOf).collect(Collectors.joining(","));
    return "[N," + dims + "]";
  }
}
