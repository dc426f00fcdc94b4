package io.gmnstream.operator.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.spec.LayerSpec.PoolKind;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One spec layer (anything but {@code add}) as a DJL block, with the activation shape it
 * produces. Each layer is checked against its input shape with the graph builder's rules, so a
 * spec never trains as a different network than the one its parameter graph describes; what DJL
 * cannot run exactly is refused, naming the layer.
 */
final class LayerBlocks {
    static final Set<String> ACTIVATIONS = Set.of("relu", "tanh", "gelu");
    static final String ALLOWED = "linear, conv, batch_norm, layer_norm, group_norm, attention, activation ("
            + String.join("/", ACTIVATIONS.stream().sorted().toList())
            + "), max_pool, avg_pool, global_avg_pool, global_max_pool, flatten, dropout, identity, add";

    /** A built layer: its block and the shape of its output. */
    record Built(Block block, ActivationShape out) {
    }

    private LayerBlocks() {
    }

    static Built build(LayerSpec layer, ActivationShape in, float dropoutRate) {
        if (layer instanceof LayerSpec.Linear linear) {
            return linear(linear, in);
        }
        if (layer instanceof LayerSpec.Conv conv) {
            return conv(conv, in);
        }
        if (layer instanceof LayerSpec.BatchNorm norm) {
            requireChannels(layer, "numFeatures", norm.numFeatures(), in);
            return new Built(BatchNorm.builder().optScale(norm.affine()).optCenter(norm.affine()).build(), in);
        }
        if (layer instanceof LayerSpec.LayerNorm norm) {
            return layerNorm(norm, in);
        }
        if (layer instanceof LayerSpec.GroupNorm norm) {
            requireChannels(layer, "numChannels", norm.numChannels(), in);
            return new Built(new GroupNormBlock(norm.numGroups(), norm.numChannels(), norm.affine()), in);
        }
        if (layer instanceof LayerSpec.Attention attention) {
            return attention(attention, in);
        }
        if (layer instanceof LayerSpec.Activation activation) {
            return new Built(activation(activation), in);
        }
        if (layer instanceof LayerSpec.Pool pool) {
            return pool(pool, in);
        }
        if (layer instanceof LayerSpec.GlobalPool pool) {
            return globalPool(pool, in);
        }
        if (layer instanceof LayerSpec.Flatten) {
            return in.kind() == ActivationShape.Kind.VECTOR ? new Built(Blocks.identityBlock(), in)
                    : new Built(Blocks.batchFlattenBlock(), ActivationShape.vector(in.size()));
        }
        if (layer instanceof LayerSpec.Dropout) {
            // DJL's Dropout wants a rate in (0, 1); rate 0 is the identity.
            return new Built(dropoutRate == 0f ? Blocks.identityBlock() : Dropout.builder().optRate(dropoutRate).build(), in);
        }
        if (layer instanceof LayerSpec.Identity) {
            return new Built(Blocks.identityBlock(), in);
        }
        throw new UnsupportedLayerException(layer.name(), "op " + layer.op() + " is not supported by the trainer; allowed: "
                + ALLOWED);
    }

    private static Built linear(LayerSpec.Linear linear, ActivationShape in) {
        if (in.kind() == ActivationShape.Kind.MAP) {
            throw new UnsupportedLayerException(linear.name(), "reads a " + in + "; flatten or pool it first");
        }
        if (linear.inFeatures() != in.last()) {
            throw new UnsupportedLayerException(linear.name(), "inFeatures is " + linear.inFeatures() + " but its input is a " + in);
        }
        if (linear.transposedWeight()) {
            // DJL's Linear stores [out, in]; exporting [in, out] would need a copy and break the bit-exact round trip.
            throw new UnsupportedLayerException(linear.name(), "transposedWeight=true is not supported; DJL stores [out, in]");
        }
        long[] out = in.dims();
        out[out.length - 1] = linear.outFeatures();
        // On a sequence DJL's Linear maps the last axis of every token, as the graph's shared neurons say.
        return new Built(Linear.builder().setUnits(linear.outFeatures()).optBias(linear.bias()).build(), in.withDims(out));
    }

    private static Built conv(LayerSpec.Conv conv, ActivationShape in) {
        int rank = conv.spatialRank();
        if (in.kind() != ActivationShape.Kind.MAP || in.spatialRank() != rank) {
            throw new UnsupportedLayerException(conv.name(), "a " + rank + "-d conv needs a channel map with " + rank
                    + " spatial dimensions, but its input is a " + in);
        }
        requireChannels(conv, "inChannels", conv.inChannels(), in);
        long[] dims = in.dims();
        long[] out = new long[dims.length];
        out[0] = conv.outChannels();
        for (int i = 0; i < rank; i++) {
            long span = (long) conv.dilation().get(i) * (conv.kernel().get(i) - 1) + 1;
            long padded = dims[1 + i] + 2L * conv.padding().get(i);
            if (padded < span) {
                throw new UnsupportedLayerException(conv.name(), "kernel " + conv.kernel() + " is larger than its padded input " + in);
            }
            out[1 + i] = (padded - span) / conv.stride().get(i) + 1;
        }
        Block block = switch (rank) {
            case 1 -> configure(Conv1d.builder(), conv).build();
            case 2 -> configure(Conv2d.builder(), conv).build();
            default -> configure(Conv3d.builder(), conv).build();
        };
        return new Built(block, in.withDims(out));
    }

    private static <B extends Convolution.ConvolutionBuilder<B>> B configure(B b, LayerSpec.Conv conv) {
        return b.setKernelShape(shape(conv.kernel())).optStride(shape(conv.stride())).optPadding(shape(conv.padding()))
                .optDilation(shape(conv.dilation())).optGroups(conv.groups()).setFilters(conv.outChannels()).optBias(conv.bias());
    }

    private static Built layerNorm(LayerSpec.LayerNorm norm, ActivationShape in) {
        long[] dims = in.dims();
        // The graph builder's rule: the features of a vector or of each token, or a whole [C, spatial...] map.
        long[] expected = in.kind() == ActivationShape.Kind.MAP ? dims : new long[] {in.last()};
        long[] declared = norm.normalizedShape().stream().mapToLong(Integer::longValue).toArray();
        if (!Arrays.equals(expected, declared)) {
            throw new UnsupportedLayerException(norm.name(), "normalizedShape must be " + Arrays.toString(expected)
                    + " for its input " + in + ", got " + norm.normalizedShape());
        }
        int[] axes = new int[expected.length];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = dims.length - expected.length + 1 + i;
        }
        return new Built(LayerNorm.builder().axis(axes).optScale(norm.affine()).optCenter(norm.affine() && norm.bias()).build(), in);
    }

    private static Built attention(LayerSpec.Attention attention, ActivationShape in) {
        if (in.kind() != ActivationShape.Kind.SEQUENCE || in.last() != attention.embedDim()) {
            throw new UnsupportedLayerException(attention.name(), "needs a sequence of width embedDim " + attention.embedDim()
                    + ", but its input is a " + in);
        }
        if (!attention.packedProjection() || attention.transposedWeight() || attention.transposedOutProjection()) {
            throw new UnsupportedLayerException(attention.name(), "only the packed, untransposed projections of "
                    + "nn.MultiheadAttention are supported (in_proj_weight [3d, d], out_proj.weight [out, in])");
        }
        return new Built(new SelfAttentionBlock(attention.embedDim(), attention.numHeads(), attention.bias()), in);
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

    private static Built pool(LayerSpec.Pool pool, ActivationShape in) {
        int rank = pool.kernel().size();
        if (in.kind() != ActivationShape.Kind.MAP || in.spatialRank() != rank) {
            throw new UnsupportedLayerException(pool.name(), "a " + rank + "-d " + pool.op() + " needs a channel map with "
                    + rank + " spatial dimensions, but its input is a " + in);
        }
        long[] dims = in.dims();
        for (int i = 0; i < rank; i++) {
            long padded = dims[1 + i] + 2L * pool.padding().get(i);
            if (padded < pool.kernel().get(i)) {
                throw new UnsupportedLayerException(pool.name(), "window " + pool.kernel() + " is larger than its input " + in);
            }
            dims[1 + i] = (padded - pool.kernel().get(i)) / pool.stride().get(i) + 1;
        }
        Shape k = shape(pool.kernel());
        Shape s = shape(pool.stride());
        Shape p = shape(pool.padding());
        boolean max = pool.kind() == PoolKind.MAX;
        // Floor mode and, for avg, padding counted in the mean: PyTorch's defaults.
        Block block = switch (rank) {
            case 1 -> max ? Pool.maxPool1dBlock(k, s, p) : Pool.avgPool1dBlock(k, s, p, false, true);
            case 2 -> max ? Pool.maxPool2dBlock(k, s, p) : Pool.avgPool2dBlock(k, s, p, false, true);
            default -> max ? Pool.maxPool3dBlock(k, s, p) : Pool.avgPool3dBlock(k, s, p, false, true);
        };
        return new Built(block, in.withDims(dims));
    }

    private static Built globalPool(LayerSpec.GlobalPool pool, ActivationShape in) {
        boolean max = pool.kind() == PoolKind.MAX;
        if (in.kind() == ActivationShape.Kind.SEQUENCE) {
            // Over the tokens (axis 1 of [B, T, d]): the graph's sequence pool keeps the d feature nodes.
            Block block = LambdaBlock.singleton(x -> max ? x.max(new int[] {1}) : x.mean(new int[] {1}), pool.name());
            return new Built(block, ActivationShape.vector(in.last()));
        }
        if (in.kind() != ActivationShape.Kind.MAP) {
            throw new UnsupportedLayerException(pool.name(), pool.op() + " needs a channel map or a sequence, but its input is a " + in);
        }
        Block block = switch (in.spatialRank()) {
            case 1 -> max ? Pool.globalMaxPool1dBlock() : Pool.globalAvgPool1dBlock();
            case 2 -> max ? Pool.globalMaxPool2dBlock() : Pool.globalAvgPool2dBlock();
            default -> max ? Pool.globalMaxPool3dBlock() : Pool.globalAvgPool3dBlock();
        };
        return new Built(block, ActivationShape.vector(in.channels()));
    }

    private static void requireChannels(LayerSpec layer, String field, int declared, ActivationShape in) {
        if (in.kind() == ActivationShape.Kind.SEQUENCE || in.channels() != declared) {
            throw new UnsupportedLayerException(layer.name(), field + " is " + declared + " but its input is a " + in);
        }
    }

    private static Shape shape(List<Integer> values) {
        return new Shape(values.stream().mapToLong(Integer::longValue).toArray());
    }
}
