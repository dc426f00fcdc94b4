package io.gmnstream.paramgraph.tensor;

import io.gmnstream.paramgraph.MissingTensorException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** In-memory tensor source, keyed by tensor name. */
public final class MapTensorSource implements TensorSource {
    private final Map<String, Tensor> tensors;

    public MapTensorSource(Map<String, Tensor> tensors) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /** Keys each tensor by its own name. */
    public static MapTensorSource of(Collection<Tensor> tensors) {
        Map<String, Tensor> map = new LinkedHashMap<>();
        for (Tensor t : tensors) {
            if (map.put(t.name(), t) != null) {
                throw new IllegalArgumentException("duplicate tensor name '" + t.name() + "'");
            }
        }
        return new MapTensorSource(map);
    }

    public static MapTensorSource of(Tensor... tensors) {
        return of(java.util.List.of(tensors));
    }

    @Override
    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new MissingTensorException(name);
        }
        return t;
    }

    @Override
    public Set<String> names() {
        return tensors.keySet();
    }

    public Map<String, Tensor> asMap() {
        return tensors;
    }
}
