package io.gmnstream.paramgraph.tensor;

import io.gmnstream.paramgraph.MissingTensorException;
import java.util.Set;

/** Named parameter tensors of one checkpoint. Implementations may decode lazily on {@link #get}. */
public interface TensorSource {
    /**
     * The tensor with this name.
     *
     * @throws MissingTensorException naming the tensor when there is none
     */
    Tensor get(String name);

    /** Names of all tensors. */
    Set<String> names();

    default boolean contains(String name) {
        return names().contains(name);
    }
}
