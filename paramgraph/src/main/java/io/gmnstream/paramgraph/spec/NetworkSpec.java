package io.gmnstream.paramgraph.spec;

import io.gmnstream.paramgraph.InvalidSpecException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code gmn-layers/1} network: the input and a DAG of named layers in topological order.
 * The constructor validates the structure: known format, at least one layer, unique names, and every
 * input naming {@link #INPUT} or an earlier layer.
 */
public record NetworkSpec(String format, InputSpec input, List<LayerSpec> layers) {
    public static final String FORMAT = "gmn-layers/1";
    /** The name by which layers refer to the network input. */
    public static final String INPUT = "input";

    public NetworkSpec {
        if (!FORMAT.equals(format)) {
            throw new InvalidSpecException(null, "format", "must be \"" + FORMAT + "\", got " + (format == null ? "nothing" : "\"" + format + "\""));
        }
        Objects.requireNonNull(input, "input");
        layers = List.copyOf(Objects.requireNonNull(layers, "layers"));
        if (layers.isEmpty()) {
            throw new InvalidSpecException(null, "layers", "a network needs at least one layer");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec layer = layers.get(i);
            for (String in : layer.inputs()) {
                if (!in.equals(INPUT) && !seen.containsKey(in)) {
                    boolean later = layers.stream().anyMatch(l -> l.name().equals(in));
                    throw new InvalidSpecException(layer.name(), "inputs", "input '" + in + "' "
                            + (later ? "comes later; list layers in topological order" : "is not a layer name nor \"" + INPUT + "\""));
                }
            }
            if (seen.put(layer.name(), i) != null) {
                throw new InvalidSpecException(layer.name(), "name", "duplicate layer name");
            }
        }
    }

    public NetworkSpec(InputSpec input, List<LayerSpec> layers) {
        this(FORMAT, input, layers);
    }

    public static NetworkSpec of(InputSpec input, LayerSpec... layers) {
        return new NetworkSpec(FORMAT, input, List.of(layers));
    }

    /** The inputs of layer {@code index} with the default applied (previous layer, or the network input). */
    public List<String> inputsOf(int index) {
        LayerSpec layer = layers.get(index);
        if (!layer.inputs().isEmpty()) {
            return layer.inputs();
        }
        return List.of(index == 0 ? INPUT : layers.get(index - 1).name());
    }

    public static Builder builder(InputSpec input) {
        return new Builder(input);
    }

    /** Appends layers; {@code from(...)} sets the inputs of the next layer added. */
    public static final class Builder {
        private final InputSpec input;
        private final List<LayerSpec> layers = new ArrayList<>();

        private Builder(InputSpec input) {
            this.input = input;
        }

        public Builder add(LayerSpec layer) {
            layers.add(layer);
            return this;
        }

        public Builder add(LayerSpec layer, String... inputs) {
            layers.add(layer.withInputs(List.of(inputs)));
            return this;
        }

        public NetworkSpec build() {
            return new NetworkSpec(FORMAT, input, layers);
        }
    }
}
