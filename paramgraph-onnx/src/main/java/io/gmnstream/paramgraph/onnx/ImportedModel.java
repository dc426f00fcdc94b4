package io.gmnstream.paramgraph.onnx;

import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.tensor.TensorSource;
import java.util.Objects;

/**
 * An ONNX model lowered to the native layer spec.
 *
 * @param spec     the {@code gmn-layers/1} network
 * @param tensors  the parameter tensors the spec names: ONNX initializers or Constant values, under
 *                 their ONNX names and in their stored layouts (the spec records orientations);
 *                 running statistics and other constants are left out
 * @param opset    the model's default-domain opset
 * @param producer producer name and version, e.g. "pytorch 1.13.0"
 */
public record ImportedModel(NetworkSpec spec, TensorSource tensors, int opset, String producer) {
    public ImportedModel {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(producer, "producer");
    }
}
