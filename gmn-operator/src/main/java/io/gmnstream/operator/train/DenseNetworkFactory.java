package io.gmnstream.operator.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import io.gmnstream.paramgraph.spec.InputLayout;
import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * Builds a DJL block from a {@code gmn-layers/1} spec, restricted for now to linear, activation
 * (relu, tanh, gelu), layer_norm and dropout layers on a {@code features} input, plus residual
 * {@code add} of two earlier layers of equal width.
 * Everything else is refused up front, naming the layer, so a spec never trains as a different
 * network than the one its parameter graph describes.
 */
final class DenseNetworkFactory {
    static final Set<String> ACTIVATIONS = Set.of("relu", "tanh", "gelu");
    private static final String ALLOWED = "linear, activation (" + String.join("/", ACTIVATIONS.stream().sorted().toList())
            + "), layer_norm, dropout";

    private DenseNetworkFactory() {
    }

    /** Builds and initialises the network; its parameters live in {@code manager}. */
    static DenseNetwork create(NetworkSpec spec, float dropoutRate, NDManager manager) {
        if (spec.input().layout() != InputLayout.FEATURES) {
            throw new UnsupportedLayerException(null, "input layout must be features, got " + spec.input().layout().wireName());
        }
        int inputWidth = spec.input().shape().get(0);
        boolean chain = isChain(spec);
        Map<String, Integer> widths = new HashMap<>();
        widths.put(NetworkSpec.INPUT, inputWidth);
        int width = inputWidth;
        SequentialBlock sequence = new SequentialBlock();
        List<DagBlock.Step> steps = new ArrayList<>();
        List<BlockBinding> bindings = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            List<String> inputs = spec.inputsOf(i);
            if (layer instanceof LayerSpec.Add) {
                // A residual add: both operands must exist already and have the same width.
                Integer a = widths.get(inputs.get(0));
                Integer b = widths.get(inputs.get(1));
                if (a == null || b == null || !a.equals(b)) {
                    throw new UnsupportedLayerException(layer.name(), "add needs two earlier layers of equal width, got "
                            + inputs + " of widths " + a + " and " + b);
                }
                width = a;
                steps.add(new DagBlock.Step(layer.name(), inputs, null));
            } else {
                if (inputs.size() != 1 || !widths.containsKey(inputs.get(0))) {
                    throw new UnsupportedLayerException(layer.name(), "must read one earlier layer, reads " + inputs);
                }
                width = widths.get(inputs.get(0));
                Block block = blockFor(layer, width, dropoutRate);
                if (layer instanceof LayerSpec.Linear linear) {
                    width = linear.outFeatures();
                }
                sequence.add(block);
                steps.add(new DagBlock.Step(layer.name(), inputs, block));
                bindings.add(new BlockBinding(layer, block));
            }
            widths.put(layer.name(), width);
        }
        // A plain chain keeps the SequentialBlock it always had (bit-identical weights); anything
        // with a residual add runs through the DagBlock.
        Block network = chain ? sequence : new DagBlock(steps);
        network.initialize(manager, DataType.FLOAT32, new Shape(1, inputWidth));
        return new DenseNetwork(spec, network, bindings, inputWidth, width, manager);
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

    private static Block blockFor(LayerSpec layer, int width, float dropoutRate) {
        if (layer instanceof LayerSpec.Linear linear) {
            return linear(linear, width);
        }
        if (layer instanceof LayerSpec.Activation activation) {
            return activation(activation);
        }
        if (layer instanceof LayerSpec.LayerNorm norm) {
            return layerNorm(norm, width);
        }
        if (layer instanceof LayerSpec.Dropout) {
            // DJL's Dropout wants a rate in (0, 1); rate 0 is the identity.
            return dropoutRate == 0f ? Blocks.identityBlock() : Dropout.builder().optRate(dropoutRate).build();
        }
        throw new UnsupportedLayerException(layer.name(), "op " + layer.op()
                + " is not supported by the dense trainer; allowed: " + ALLOWED);
    }

    private static Block linear(LayerSpec.Linear linear, int width) {
        if (linear.inFeatures() != width) {
            throw new UnsupportedLayerException(linear.name(), "inFeatures is " + linear.inFeatures()
                    + " but the previous layer gives " + width);
        }
        if (linear.transposedWeight()) {
            // DJL's Linear stores [out, in]; exporting [in, out] would need a copy and break the bit-exact round trip.
            throw new UnsupportedLayerException(linear.name(), "transposedWeight=true is not supported; DJL stores [out, in]");
        }
        return Linear.builder().setUnits(linear.outFeatures()).optBias(linear.bias()).build();
    }

    private static Block activation(LayerSpec.Activation activation) {
        return switch (activation.fn()) {
            case "relu" -> Activation.reluBlock();
            case "tanh" -> Activation.tanhBlock();
            case "gelu" -> Activation.geluBlock();
            default -> throw new UnsupportedLayerException(activation.name(), "activation " + activation.fn()
                    + " is not supported; allowed: " + String.join(", ", ACTIVATIONS.stream().sorted().toList()));
        };
    }

    private static Block layerNorm(LayerSpec.LayerNorm norm, int width) {
        if (!norm.normalizedShape().equals(List.of(width))) {
            throw new UnsupportedLayerException(norm.name(), "normalizedShape must be [" + width
                    + "] (the features it follows), got " + norm.normalizedShape());
        }
        // Axis 1 of a [batch, features] input: the per-feature gamma/beta of PyTorch's LayerNorm.
        return LayerNorm.builder().axis(1).optScale(norm.affine()).optCenter(norm.affine() && norm.bias()).build();
    }

    /** A spec layer and the DJL block built for it. */
    record BlockBinding(LayerSpec layer, Block block) {
    }
}
