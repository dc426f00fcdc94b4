package io.gmnstream.operator.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a DJL block from a {@code gmn-layers/1} spec: dense, conv, norm, pooling and attention
 * layers ({@link LayerBlocks#ALLOWED}) on a features, channels-first or sequence input, plus
 * residual {@code add} of two earlier layers of the same shape. Everything else is refused up
 * front, naming the layer, so a spec never trains as a different network than the one its
 * parameter graph describes.
 */
final class NetworkFactory {
    private NetworkFactory() {
    }

    /** Builds and initialises the network; its parameters live in {@code manager}. */
    static DenseNetwork create(NetworkSpec spec, float dropoutRate, NDManager manager) {
        ActivationShape input = ActivationShape.of(spec.input());
        Map<String, ActivationShape> shapes = new HashMap<>();
        shapes.put(NetworkSpec.INPUT, input);
        ActivationShape shape = input;
        SequentialBlock sequence = new SequentialBlock();
        List<DagBlock.Step> steps = new ArrayList<>();
        List<BlockBinding> bindings = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            List<String> inputs = spec.inputsOf(i);
            if (layer instanceof LayerSpec.Add) {
                // A residual add: both operands must exist already and have the same shape.
                ActivationShape a = shapes.get(inputs.get(0));
                ActivationShape b = shapes.get(inputs.get(1));
                if (a == null || !a.equals(b)) {
                    throw new UnsupportedLayerException(layer.name(), "add needs two earlier layers of the same shape, got "
                            + inputs + " of shapes " + a + " and " + b);
                }
                shape = a;
                steps.add(new DagBlock.Step(layer.name(), inputs, null));
            } else {
                if (inputs.size() != 1 || !shapes.containsKey(inputs.get(0))) {
                    throw new UnsupportedLayerException(layer.name(), "must read one earlier layer, reads " + inputs);
                }
                LayerBlocks.Built built = LayerBlocks.build(layer, shapes.get(inputs.get(0)), dropoutRate);
                shape = built.out();
                sequence.add(built.block());
                steps.add(new DagBlock.Step(layer.name(), inputs, built.block()));
                bindings.add(new BlockBinding(layer, built.block()));
            }
            shapes.put(layer.name(), shape);
        }
        if (shape.kind() != ActivationShape.Kind.VECTOR) {
            throw new UnsupportedLayerException(spec.layers().get(spec.layers().size() - 1).name(),
                    "the network must end in class logits (a vector), but ends in a " + shape);
        }
        // A plain chain keeps the SequentialBlock it always had (bit-identical weights); anything
        // with a residual add runs through the DagBlock.
        Block network = isChain(spec) ? sequence : new DagBlock(steps);
        network.initialize(manager, DataType.FLOAT32, input.batchOfOne());
        return new DenseNetwork(spec, network, ParameterRoles.bind(bindings), (int) input.size(), (int) shape.last(), manager);
    }

    /** True when every layer reads exactly the one before it (or the input) and none is an add. */
    private static boolean isChain(NetworkSpec spec) {
        for (int i = 0; i < spec.layers().size(); i++) {
            String expected = i == 0 ? NetworkSpec.INPUT : spec.layers().get(i - 1).name();
            if (spec.layers().get(i) instanceof LayerSpec.Add || !spec.inputsOf(i).equals(List.of(expected))) {
                return false;
            }
        }
        return true;
    }

    /** A spec layer and the DJL block built for it. */
    record BlockBinding(LayerSpec layer, Block block) {
    }
}
