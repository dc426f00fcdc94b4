package io.gmnstream.launcher.graph;

import io.gmnstream.paramgraph.ParamGraph;
import java.util.function.Supplier;

/**
 * A checkpoint read from disk and recognised, ready to be decoded and built. Building is deferred so
 * that the caller can time decoding + graph construction without the file I/O.
 */
public record GraphInput(InputFormat format, String description, Supplier<ParamGraph> builder) {

  public ParamGraph build() {
    return builder.get();
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
