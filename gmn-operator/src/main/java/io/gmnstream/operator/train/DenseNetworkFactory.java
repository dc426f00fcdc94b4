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
import java.util.List;
import java.util.Set;

/**
 * Builds a DJL block from a {@code gmn-layers/1} spec, restricted for now to a chain of linear,
 * activation (relu, tanh, gelu), layer_norm and dropout layers on a {@code features} input.
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
        int width = inputWidth;
        SequentialBlock sequence = new SequentialBlock();
        List<BlockBinding> bindings = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            String expectedInput = i == 0 ? NetworkSpec.INPUT : spec.layers().get(i - 1).name();
            if (!spec.inputsOf(i).equals(List.of(expectedInput))) {
                throw new UnsupportedLayerException(layer.name(), "only a chain is supported: must read '" + expectedInput
                        + "', reads " + spec.inputsOf(i));
            }
            Block block = blockFor(layer, width, dropoutRate);
            if (layer instanceof LayerSpec.Linear linear) {
                width = linear.outFeatures();
            }
            sequence.add(block);
            bindings.add(new BlockBinding(layer, block));
        }
        sequence.initialize(manager, DataType.FLOAT32, new Shape(1, inputWidth));
        return new DenseNetwork(spec, sequence, bindings, inputWidth, width, manager);
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
