package io.gmnstream.paramgraph.spec;

import io.gmnstream.paramgraph.InvalidSpecException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Field validation shared by the layer records; every failure names the layer and field. */
final class Checks {
    private Checks() {
    }

    static String name(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidSpecException(null, "name", "every layer needs a non-blank name");
        }
        if (name.equals(NetworkSpec.INPUT)) {
            throw new InvalidSpecException(name, "name", "'" + NetworkSpec.INPUT + "' is reserved for the network input");
        }
        return name;
    }

    static List<String> inputs(String layer, List<String> inputs, int min, int max) {
        List<String> copy = inputs == null ? List.of() : List.copyOf(inputs);
        if (copy.size() < min || copy.size() > max) {
            throw new InvalidSpecException(layer, "inputs", min == max
                    ? "needs exactly " + min + " inputs, got " + copy
                    : "needs " + min + " to " + max + " inputs, got " + copy);
        }
        return copy;
    }

    static Map<String, String> params(String layer, Map<String, String> params, Set<String> roles) {
        if (params == null || params.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!roles.contains(e.getKey())) {
                throw new InvalidSpecException(layer, "params", "unknown role '" + e.getKey() + "'; roles of this op: " + roles);
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                throw new InvalidSpecException(layer, "params." + e.getKey(), "tensor name must not be blank");
            }
            copy.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    static int positive(String layer, String field, int value) {
        if (value <= 0) {
            throw new InvalidSpecException(layer, field, "must be positive, got " + value);
        }
        return value;
    }

    /** A per-dimension list: positive (or non-negative) values, of the given rank. */
    static List<Integer> dims(String layer, String field, List<Integer> values, int rank, int min) {
        Objects.requireNonNull(values, field);
        if (values.size() != rank) {
            throw new InvalidSpecException(layer, field, "needs " + rank + " values (one per spatial dimension), got " + values);
        }
        for (Integer v : values) {
            if (v == null || v < min) {
                throw new InvalidSpecException(layer, field, "values must be at least " + min + ", got " + values);
            }
        }
        return List.copyOf(values);
    }

    static List<Integer> filled(int rank, int value) {
        return Collections.nCopies(rank, value);
    }

    static List<String> list(String... values) {
        return List.of(values);
    }

    static List<Integer> ints(int... values) {
        List<Integer> out = new ArrayList<>(values.length);
        for (int v : values) {
            out.add(v);
        }
        return List.copyOf(out);
    }
}
