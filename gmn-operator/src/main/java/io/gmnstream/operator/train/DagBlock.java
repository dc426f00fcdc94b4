package io.gmnstream.operator.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A spec that is not a chain (a residual {@code add}) as one DJL block: layers run in spec order,
 * each reading its named inputs; an {@code add} step is the sum of its two operands. Chains keep
 * using {@code SequentialBlock}, so their weights stay bit-identical to before this block existed.
 * Everything here is fixed at construction (DJL_NOTES trap 5: nothing derived in initialisation).
 */
final class DagBlock extends AbstractBlock {
    /** One layer: its name, its input names and its block ({@code null} for an add). */
    record Step(String name, List<String> inputs, Block block) {
    }

    private final List<Step> steps;

    DagBlock(List<Step> steps) {
        this.steps = List.copyOf(steps);
        for (Step step : this.steps) {
            if (step.block() != null) {
                addChildBlock(step.name(), step.block());
            }
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        Map<String, NDArray> values = new HashMap<>();
        values.put(io.gmnstream.paramgraph.spec.NetworkSpec.INPUT, inputs.singletonOrThrow());
        NDArray last = null;
        for (Step step : steps) {
            if (step.block() == null) {
                // Array + array: no Java scalar enters the autograd graph (DJL_NOTES trap 1).
                last = values.get(step.inputs().get(0)).add(values.get(step.inputs().get(1)));
            } else {
                last = step.block().forward(store, new NDList(values.get(step.inputs().get(0))), training, params)
                        .singletonOrThrow();
            }
            values.put(step.name(), last);
        }
        return new NDList(last);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Map<String, Shape> shapes = new HashMap<>();
        shapes.put(io.gmnstream.paramgraph.spec.NetworkSpec.INPUT, inputShapes[0]);
        Shape last = inputShapes[0];
        for (Step step : steps) {
            Shape in = shapes.get(step.inputs().get(0));
            last = step.block() == null ? in : step.block().getOutputShapes(new Shape[] {in})[0];
            shapes.put(step.name(), last);
        }
        return new Shape[] {last};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // Child blocks in spec order, each with the shape its own input has: the same order (and so
        // the same random draws) on every run with the same seed.
        Map<String, Shape> shapes = new HashMap<>();
        shapes.put(io.gmnstream.paramgraph.spec.NetworkSpec.INPUT, inputShapes[0]);
        for (Step step : steps) {
            Shape in = shapes.get(step.inputs().get(0));
            Shape out = in;
            if (step.block() != null) {
                step.block().initialize(manager, dataType, in);
                out = step.block().getOutputShapes(new Shape[] {in})[0];
            }
            shapes.put(step.name(), out);
        }
    }
}
