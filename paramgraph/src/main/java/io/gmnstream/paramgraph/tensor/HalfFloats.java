package io.gmnstream.paramgraph.tensor;

/** Exact conversions between float32 and the 16-bit float formats (Java 17 has no Float.float16ToFloat). */
public final class HalfFloats {
    private HalfFloats() {
    }

    /** IEEE binary16 to float32, exact (NaN payloads kept). */
    public static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0) {
            // zero or subnormal: mant * 2^-24 is exact in float32
            float v = Math.scalb((float) mant, -24);
            return sign != 0 ? -v : v;
        }
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /** bfloat16 to float32, exact: the upper half of a float32. */
    public static float bf16ToFloat(short b) {
        return Float.intBitsToFloat((b & 0xffff) << 16);
    }

    /**
     * float32 to binary16 when the value is exactly representable.
     *
     * @throws IllegalArgumentException when it is not (this is for writing test fixtures, not for rounding)
     */
    public static short floatToHalfExact(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        short result;
        if (exp == 0xff) {
            result = (short) (sign | 0x7c00 | (mant >>> 13));
        } else if (exp == 0 && mant == 0) {
            result = (short) sign;
        } else {
            int e = exp - 127;
            if (e >= -14 && e <= 15) {
                result = (short) (sign | ((e + 15) << 10) | (mant >>> 13));
            } else {
                float scaled = Math.scalb(Math.abs(f), 24);
                result = (short) (sign | ((int) scaled & 0x3ff));
            }
        }
        if (Float.floatToRawIntBits(halfToFloat(result)) != bits) {
            throw new IllegalArgumentException("value " + f + " is not exactly representable as F16");
        }
        return result;
    }

    /** float32 to bfloat16 when the low 16 bits are zero. */
    public static short floatToBf16Exact(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0xffff) != 0) {
            throw new IllegalArgumentException("value " + f + " is not exactly representable as BF16");
        }
        return (short) (bits >>> 16);
    }
}
