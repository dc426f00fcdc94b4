package io.gmnstream.operator.train;

import ai.djl.nn.Parameter;
import java.util.Objects;

/** A DJL parameter and the spec tensor name it is exported as (e.g. {@code fc1.weight}). */
public record BoundParameter(String tensorName, Parameter parameter) {
    public BoundParameter {
        Objects.requireNonNull(tensorName, "tensorName");
        Objects.requireNonNull(parameter, "parameter");
    }
}
