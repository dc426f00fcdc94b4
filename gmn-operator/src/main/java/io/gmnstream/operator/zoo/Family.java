package io.gmnstream.operator.zoo;

import java.util.Locale;

/**
 * Architecture families of the zoo, as in the diverse-architectures setting of Lim et al. (ICLR
 * 2024): dense, convolutional (with and without BatchNorm), residual convolutional and attention
 * networks, each with its own spec builder in {@link Architecture}; the trainer runs them all.
 * Image families read the task's channels-first image, the attention family a sequence of
 * patches, the dense families the flat pixel vector.
 */
public enum Family {
    /** linear -> activation [-> dropout], 1..4 hidden layers, then the output linear. */
    MLP,
    /** An input projection, then 1..3 pre-norm residual blocks x + act(fc(layer_norm(x))), then the output linear. */
    RESIDUAL_MLP,
    /**
     * 1..3 blocks conv3x3 (padding 1) -> activation [-> dropout] [-> 2x2 max or avg pool], then a
     * global average pool or a flatten, then the output linear.
     */
    CNN,
    /** Like {@link #CNN} with conv -> batch_norm -> activation in every block. */
    CNN_BN,
    /**
     * A stem conv3x3 -> activation, then 1..2 pre-norm residual blocks x + act(conv3x3(layer_norm(x))),
     * then a global average pool and the output linear. The LayerNorm normalises the whole
     * [C, H, W] map (PyTorch {@code nn.LayerNorm([C, H, W])}, one gamma and beta per channel and
     * position), which the graph builder supports directly, so no GroupNorm stand-in is needed.
     */
    RESIDUAL_CNN,
    /**
     * A small vision transformer: p x p patches with a one-hot position appended, a linear patch
     * embedding, 1..2 pre-norm blocks (x + attention(layer_norm(x)), then x + fc(act(fc(layer_norm(x))))),
     * a final layer_norm, the mean over tokens and the output linear.
     */
    ATTENTION;

    /** The wire name used in tags and hyperparameters, e.g. {@code residual_mlp}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the families that read the input as an image (or patches of it) rather than a flat vector. */
    public boolean isImage() {
        return this != MLP && this != RESIDUAL_MLP;
    }
}
