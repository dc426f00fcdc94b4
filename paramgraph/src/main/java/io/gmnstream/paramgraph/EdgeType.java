package io.gmnstream.paramgraph;

import java.util.Locale;

/** Edge type codes of the {@code gmn.graphs} contract: never renumber, never reuse. */
public enum EdgeType {
    LINEAR_WEIGHT(0),
    LINEAR_BIAS(1),
    CONV_WEIGHT(2),
    CONV_BIAS(3),
    RESIDUAL(4),
    BATCH_NORM_GAMMA(5),
    BATCH_NORM_BETA(6),
    LAYER_NORM_GAMMA(7),
    LAYER_NORM_BETA(8),
    GROUP_NORM_GAMMA(9),
    GROUP_NORM_BETA(10),
    INSTANCE_NORM_GAMMA(11),
    INSTANCE_NORM_BETA(12),
    ATTENTION_QUERY_WEIGHT(13),
    ATTENTION_KEY_WEIGHT(14),
    ATTENTION_VALUE_WEIGHT(15),
    ATTENTION_QUERY_BIAS(16),
    ATTENTION_KEY_BIAS(17),
    ATTENTION_VALUE_BIAS(18),
    EMBEDDING_WEIGHT(19);

    private static final EdgeType[] BY_CODE = new EdgeType[values().length];

    static {
        for (EdgeType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final byte code;

    EdgeType(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    /** lower_snake_case name, e.g. {@code attention_query_weight}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EdgeType fromCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("unknown edge type code " + code + "; known codes are 0.." + (BY_CODE.length - 1));
        }
        return BY_CODE[code];
    }
}
