package io.gmnstream.operator.zoo;

import io.gmnstream.paramgraph.spec.InputSpec;
import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.spec.Layers;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A sampled architecture. Builds the {@code gmn-layers/1} spec the trainer runs and the parameter
 * graph is built from, so both always describe the same network; {@link Family} describes each
 * family's layers.
 *
 * @param family     the family
 * @param depth      hidden layers (MLP), conv blocks (CNN, CNN_BN) or residual/transformer blocks
 * @param width      hidden features, conv channels, or the attention embedding width
 * @param activation relu, tanh or gelu
 * @param dropout    whether dropout layers are present (their rate is the run's)
 * @param pool       conv families: {@code none}, {@code max} or {@code avg} 2x2 pooling after each block
 *                   while the map is at least 4 wide
 * @param readout    CNN and CNN_BN: {@code global_avg_pool} or {@code flatten} before the output linear
 * @param heads      ATTENTION: attention heads (divides {@code width})
 * @param patch      ATTENTION: patch side in pixels (divides the image sides)
 */
public record Architecture(Family family, int depth, int width, String activation, boolean dropout, String pool,
                           String readout, int heads, int patch) {
    public static final Set<String> POOLS = Set.of("none", "max", "avg");
    public static final Set<String> READOUTS = Set.of("global_avg_pool", "flatten");

    public Architecture {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(activation, "activation");
        if (depth < 1 || width < 1 || heads < 1 || patch < 1) {
            throw new IllegalArgumentException("architecture: depth, width, heads and patch must be positive, got " + depth
                    + ", " + width + ", " + heads + ", " + patch);
        }
        if (!POOLS.contains(pool) || !READOUTS.contains(readout)) {
            throw new IllegalArgumentException("architecture: pool must be one of " + POOLS + " and readout one of " + READOUTS
                    + ", got " + pool + ", " + readout);
        }
        if (width % heads != 0) {
            throw new IllegalArgumentException("architecture: heads (" + heads + ") must divide width (" + width + ")");
        }
    }

    /** A dense (or default-shaped) architecture: no pooling, global average readout, one head, 1-pixel patches. */
    public Architecture(Family family, int depth, int width, String activation, boolean dropout) {
        this(family, depth, width, activation, dropout, "none", "global_avg_pool", 1, 1);
    }

    /** The spec for a single-channel square image of {@code inputs} pixels (dense families read it flat). */
    public NetworkSpec spec(int inputs, int classes) {
        int side = (int) Math.round(Math.sqrt(inputs));
        if (family.isImage() && side * side != inputs) {
            throw new IllegalArgumentException(family.wireName() + " needs an image; " + inputs + " inputs are not a square");
        }
        return family.isImage() ? spec(1, side, side, classes) : spec(1, 1, inputs, classes);
    }

    /** The spec for {@code channels x height x width} images and {@code classes} classes. */
    public NetworkSpec spec(int channels, int height, int imageWidth, int classes) {
        int pixels = channels * height * imageWidth;
        return switch (family) {
            case MLP -> mlp(pixels, classes);
            case RESIDUAL_MLP -> residualMlp(pixels, classes);
            case CNN -> cnn(channels, height, imageWidth, classes, false);
            case CNN_BN -> cnn(channels, height, imageWidth, classes, true);
            case RESIDUAL_CNN -> residualCnn(channels, height, imageWidth, classes);
            case ATTENTION -> attention(channels, height, imageWidth, classes);
        };
    }

    private NetworkSpec mlp(int inputs, int classes) {
        NetworkSpec.Builder b = NetworkSpec.builder(InputSpec.features(inputs));
        int in = inputs;
        for (int i = 1; i <= depth; i++) {
            b.add(Layers.linear("fc" + i, in, width));
            b.add(Layers.activation("act" + i, activation));
            if (dropout) {
                b.add(Layers.dropout("drop" + i));
            }
            in = width;
        }
        return b.add(Layers.linear("out", in, classes)).build();
    }

    private NetworkSpec residualMlp(int inputs, int classes) {
        NetworkSpec.Builder b = NetworkSpec.builder(InputSpec.features(inputs));
        b.add(Layers.linear("proj", inputs, width));
        b.add(Layers.activation("proj_act", activation));
        String stream = "proj_act";
        for (int i = 1; i <= depth; i++) {
            // Pre-norm block: the residual stream itself is never normalised, the branch is.
            b.add(Layers.layerNorm("block" + i + "_norm", width), stream);
            b.add(Layers.linear("block" + i + "_fc", width, width));
            stream = residual(b, "block" + i, stream, activation("block" + i + "_act"));
        }
        return b.add(Layers.linear("out", width, classes), stream).build();
    }

    private NetworkSpec cnn(int channels, int height, int imageWidth, int classes, boolean batchNorm) {
        NetworkSpec.Builder b = NetworkSpec.builder(InputSpec.channelsFirst(channels, height, imageWidth));
        int in = channels;
        int h = height;
        int w = imageWidth;
        for (int i = 1; i <= depth; i++) {
            b.add(conv3x3("conv" + i, in, width));
            if (batchNorm) {
                b.add(Layers.batchNorm("bn" + i, width));
            }
            b.add(Layers.activation("act" + i, activation));
            if (dropout) {
                b.add(Layers.dropout("drop" + i));
            }
            if (!pool.equals("none") && Math.min(h, w) >= 4) {
                b.add(pool.equals("max") ? Layers.maxPool("pool" + i, 2, 2) : Layers.avgPool("pool" + i, 2, 2));
                h /= 2;
                w /= 2;
            }
            in = width;
        }
        if (readout.equals("flatten")) {
            b.add(Layers.flatten("flatten"));
            return b.add(Layers.linear("out", width * h * w, classes)).build();
        }
        b.add(Layers.globalAvgPool("global_pool"));
        return b.add(Layers.linear("out", width, classes)).build();
    }

    private NetworkSpec residualCnn(int channels, int height, int imageWidth, int classes) {
        NetworkSpec.Builder b = NetworkSpec.builder(InputSpec.channelsFirst(channels, height, imageWidth));
        b.add(conv3x3("stem", channels, width));
        b.add(Layers.activation("stem_act", activation));
        String stream = "stem_act";
        for (int i = 1; i <= depth; i++) {
            // Pre-norm, over the whole [C, H, W] map (convs keep the size: padding 1, no pooling).
            b.add(Layers.layerNorm("block" + i + "_norm", width, height, imageWidth), stream);
            b.add(conv3x3("block" + i + "_conv", width, width));
            stream = residual(b, "block" + i, stream, activation("block" + i + "_act"));
        }
        b.add(Layers.globalAvgPool("global_pool"), stream);
        return b.add(Layers.linear("out", width, classes)).build();
    }

    private NetworkSpec attention(int channels, int height, int imageWidth, int classes) {
        if (height % patch != 0 || imageWidth % patch != 0) {
            throw new IllegalArgumentException("attention: patch " + patch + " does not divide the " + height + "x" + imageWidth
                    + " image");
        }
        int tokens = (height / patch) * (imageWidth / patch);
        // Each token: its patch pixels, then the one-hot of its position (see SampleLayout): the
        // embedding's weights on the one-hot inputs are the learned position embedding.
        int features = channels * patch * patch + tokens;
        NetworkSpec.Builder b = NetworkSpec.builder(InputSpec.sequence(tokens, features));
        b.add(Layers.linear("embed", features, width));
        String stream = "embed";
        for (int i = 1; i <= depth; i++) {
            String block = "block" + i;
            b.add(Layers.layerNorm(block + "_norm1", width), stream);
            b.add(Layers.attention(block + "_attn", width, heads));
            b.add(Layers.add(block + "_attn_add", stream, block + "_attn"));
            stream = block + "_attn_add";
            b.add(Layers.layerNorm(block + "_norm2", width), stream);
            b.add(Layers.linear(block + "_fc1", width, 2 * width));
            b.add(Layers.activation(block + "_act", activation));
            b.add(Layers.linear(block + "_fc2", 2 * width, width));
            String branch = block + "_fc2";
            if (dropout) {
                b.add(Layers.dropout(block + "_drop"));
                branch = block + "_drop";
            }
            b.add(Layers.add(block + "_mlp_add", stream, branch));
            stream = block + "_mlp_add";
        }
        b.add(Layers.layerNorm("final_norm", width), stream);
        b.add(Layers.globalAvgPool("token_mean"));
        return b.add(Layers.linear("out", width, classes)).build();
    }

    /** Appends the branch's activation [and dropout] and the residual add; returns the add's name. */
    private String residual(NetworkSpec.Builder b, String block, String stream, LayerSpec branchActivation) {
        b.add(branchActivation);
        String branch = branchActivation.name();
        if (dropout) {
            b.add(Layers.dropout(block + "_drop"));
            branch = block + "_drop";
        }
        b.add(Layers.add(block + "_add", stream, branch));
        return block + "_add";
    }

    private LayerSpec activation(String name) {
        return Layers.activation(name, activation);
    }

    private static LayerSpec.Conv conv3x3(String name, int in, int out) {
        return Layers.conv2d(name, in, out, 3).withPadding(1, 1);
    }

    /** Architecture entries of a manifest's hyperparameters. */
    Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("family", family.wireName());
        m.put(switch (family) {
            case MLP -> "hidden_layers";
            case CNN, CNN_BN -> "conv_blocks";
            case ATTENTION -> "transformer_blocks";
            case RESIDUAL_MLP, RESIDUAL_CNN -> "residual_blocks";
        }, Integer.toString(depth));
        m.put("depth", Integer.toString(depth));
        m.put("width", Integer.toString(width));
        m.put("activation", activation);
        if (family == Family.CNN || family == Family.CNN_BN) {
            m.put("pool", pool);
            m.put("readout", readout);
        }
        if (family == Family.ATTENTION) {
            m.put("heads", Integer.toString(heads));
            m.put("patch", Integer.toString(patch));
            m.put("position_encoding", "one_hot_input");
        }
        return m;
    }
}
