package io.gmnstream.paramgraph.spec;

import java.util.Locale;

/** How the network input maps to input nodes (see docs/PARAMETER_GRAPHS.md). */
public enum InputLayout {
    /** shape [n]: n input neuron nodes. */
    FEATURES,
    /** shape [C, spatial...]: C input channel nodes. */
    CHANNELS_FIRST,
    /** shape [T, d]: d input neuron nodes shared by all tokens. */
    SEQUENCE,
    /** shape [T] of token ids: no input nodes; an embedding must follow. */
    TOKENS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InputLayout fromWireName(String name) {
        for (InputLayout l : values()) {
            if (l.wireName().equals(name)) {
                return l;
            }
        }
        return null;
    }
}
