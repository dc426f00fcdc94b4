package io.gmnstream.paramgraph.tensor;

import java.util.Optional;

/** Element types of stored tensors, with their safetensors names. Values are always widened to float32. */
public enum DType {
    F64("F64", 8),
    F32("F32", 4),
    F16("F16", 2),
    BF16("BF16", 2),
    I64("I64", 8),
    I32("I32", 4),
    I16("I16", 2),
    I8("I8", 1),
    U64("U64", 8),
    U32("U32", 4),
    U16("U16", 2),
    U8("U8", 1),
    BOOL("BOOL", 1);

    private final String wireName;
    private final int byteSize;

    DType(String wireName, int byteSize) {
        this.wireName = wireName;
        this.byteSize = byteSize;
    }

    /** Name in a safetensors header, e.g. "F32". */
    public String wireName() {
        return wireName;
    }

    public int byteSize() {
        return byteSize;
    }

    /** True when every value widens to float32 exactly (F32, F16, BF16, 8/16-bit integers, BOOL). */
    public boolean widensExactly() {
        return this == F32 || this == F16 || this == BF16 || this == I16 || this == I8 || this == U16 || this == U8 || this == BOOL;
    }

    public static Optional<DType> fromWireName(String name) {
        for (DType t : values()) {
            if (t.wireName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
