package io.gmnstream.paramgraph;

import java.util.Locale;

/** Node type codes of the {@code gmn.graphs} contract: never renumber, never reuse. */
public enum NodeType {
    NEURON(0),
    BIAS(1),
    CHANNEL(2),
    CHANNEL_BIAS(3),
    BATCH_NORM_GAMMA(4),
    BATCH_NORM_BETA(5),
    LAYER_NORM_GAMMA(6),
    LAYER_NORM_BETA(7),
    GROUP_NORM_GAMMA(8),
    GROUP_NORM_BETA(9),
    INSTANCE_NORM_GAMMA(10),
    INSTANCE_NORM_BETA(11),
    ATTENTION_NEURON(12),
    ATTENTION_BIAS(13),
    EMBEDDING(14);

    private static final NodeType[] BY_CODE = new NodeType[values().length];

    static {
        for (NodeType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final byte code;

    NodeType(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    /** lower_snake_case name, e.g. {@code batch_norm_gamma}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NodeType fromCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("unknown node type code " + code + "; known codes are 0.." + (BY_CODE.length - 1));
        }
        return BY_CODE[code];
    }
}
