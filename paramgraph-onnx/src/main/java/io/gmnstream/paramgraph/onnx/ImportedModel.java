package io.gmnstream.paramgraph.onnx;

import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.tensor.TensorSource;
import java.util.Map;
import java.util.Objects;

/**
 * An ONNX model lowered to the native layer spec.
 *
 * @param spec              the {@code gmn-layers/1} network
 * @param tensors           the parameter tensors the spec names (ONNX initializers or Constant
 *                          values; running statistics and other constants are left out)
 * @param opset             the model's default-domain opset
 * @param producer          producer name and version, e.g. "pytorch 1.13.0"
 * @param transposedTensors tensors that are the 2-D transpose of an initializer, by tensor name ->
 *                          initializer name: a layer needed the other orientation (see README)
 */
public record ImportedModel(NetworkSpec spec, TensorSource tensors, int opset, String producer,
                            Map<String, String> transposedTensors) {
    public ImportedModel {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(producer, "producer");
        transposedTensors = Map.copyOf(transposedTensors);
    }
}
