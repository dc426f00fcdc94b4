package io.gmnstream.paramgraph;

import io.gmnstream.paramgraph.internal.GraphAssembler;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import io.gmnstream.paramgraph.tensor.TensorSource;
import java.util.Objects;

/**
 * Turns a layer spec and its tensors into a {@link ParamGraph} (rules in docs/PARAMETER_GRAPHS.md).
 * Node and edge totals are computed from the spec first and checked against the {@link GraphLimits};
 * the packed arrays are then allocated once. Stateless and thread-safe.
 */
public final class GraphBuilder {
    private final GraphLimits limits;
    private final GraphAssembler assembler;

    public GraphBuilder(GraphLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.assembler = new GraphAssembler(limits);
    }

    public static GraphBuilder withDefaults() {
        return new GraphBuilder(GraphLimits.defaults());
    }

    public GraphLimits limits() {
        return limits;
    }

    /**
     * @throws InvalidSpecException        a layer inconsistent with its input
     * @throws MissingTensorException      a tensor a layer needs is absent
     * @throws ShapeMismatchException      a tensor whose shape disagrees with its layer
     * @throws SizeLimitException          parameters or a tensor over the limits
     */
    public ParamGraph build(NetworkSpec spec, TensorSource tensors) {
        return assembler.assemble(Objects.requireNonNull(spec, "spec"), Objects.requireNonNull(tensors, "tensors"));
    }
}
