package io.gmnstream.launcher.graph;

import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import java.util.function.Supplier;

/**
 * A checkpoint read from disk and recognised, ready to be decoded and built. Building is deferred so
 * that the caller can time decoding + graph construction without the file I/O.
 *
 * @param specReader the network's architecture, read without building the graph (callers check it
 *     before paying for the build)
 * @param step for a checkpoint file, the step of the checkpoint chosen; else null
 */
public record GraphInput(InputFormat format, String description, Supplier<NetworkSpec> specReader,
    Supplier<ParamGraph> builder, Long step) {

  public ParamGraph build() {
    return builder.get();
  }

  /** The architecture (layer spec) of the network. */
  public NetworkSpec spec() {
    return specReader.get();
  }

  /** The kinds of file {@code gmn-stream graph} understands. */
  public enum InputFormat {
    ONNX("onnx"),
    SAFETENSORS("safetensors"),
    CHECKPOINT_FILE("checkpoint");

    private final String wireName;

    InputFormat(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }
}
