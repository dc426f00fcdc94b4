package io.gmnstream.operator.zoo;

import java.util.Locale;

/**
 * Architecture families of the zoo. Dense families today; conv (with and without BatchNorm),
 * residual conv with LayerNorm and attention over patches join as new constants with their own
 * spec builder in {@link Architecture} and a trainer that can run them.
 */
public enum Family {
    /** linear -> activation [-> dropout], 1..4 hidden layers, then the output linear. */
    MLP,
    /** An input projection, then 1..3 pre-norm residual blocks x + act(fc(layer_norm(x))), then the output linear. */
    RESIDUAL_MLP;

    /** The wire name used in tags and hyperparameters, e.g. {@code residual_mlp}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
