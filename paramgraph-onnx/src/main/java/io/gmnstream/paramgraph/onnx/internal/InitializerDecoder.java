package io.gmnstream.paramgraph.onnx.internal;

import ai.onnx.proto.OnnxMl.TensorProto;
import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.paramgraph.MalformedInputException;
import io.gmnstream.paramgraph.SizeLimitException;
import io.gmnstream.paramgraph.UnsupportedOperatorException;
import io.gmnstream.paramgraph.tensor.DType;
import io.gmnstream.paramgraph.tensor.HalfFloats;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes ONNX TensorProtos (initializers and Constant values) into float32 {@link Tensor}s.
 * Sizes are validated against {@link GraphLimits} before anything is allocated.
 */
public final class InitializerDecoder {
    private final GraphLimits limits;

    public InitializerDecoder(GraphLimits limits) {
        this.limits = limits;
    }

    /** Declared dims, checked: non-negative, product fits int64 and the tensor byte limit. */
    public long[] checkedDims(String name, TensorProto proto) {
        long[] dims = new long[proto.getDimsCount()];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = proto.getDims(i);
            if (dims[i] < 0) {
                throw new MalformedInputException(0, "tensor '" + name + "' has negative dimension " + dims[i]
                        + " in " + Arrays.toString(dims));
            }
            try {
                count = Math.multiplyExact(count, dims[i]);
            } catch (ArithmeticException e) {
                throw new SizeLimitException("element count of tensor '" + name + "' " + Arrays.toString(dims)
                        + " (overflows int64)", Long.MAX_VALUE, limits.maxTensorBytes() / Float.BYTES);
            }
        }
        long maxElements = limits.maxTensorBytes() / Float.BYTES;
        if (count > maxElements) {
            throw new SizeLimitException("element count of tensor '" + name + "' " + Arrays.toString(dims),
                    count, maxElements);
        }
        return dims;
    }

    public static boolean isFloatType(int dataType) {
        return dataType == TensorProto.DataType.FLOAT_VALUE || dataType == TensorProto.DataType.FLOAT16_VALUE
                || dataType == TensorProto.DataType.DOUBLE_VALUE || dataType == TensorProto.DataType.BFLOAT16_VALUE;
    }

    /** The tensor's values widened to float32; {@code name} is the name the tensor source uses. */
    public Tensor decodeFloat(String name, TensorProto proto) {
        long[] dims = checkedDims(name, proto);
        int n = (int) Tensor.elementCount(dims); // fits: checked against maxTensorBytes above
        rejectExternal(name, proto);
        int type = proto.getDataType();
        float[] values = new float[n];
        DType dtype;
        if (type == TensorProto.DataType.FLOAT_VALUE) {
            dtype = DType.F32;
            if (proto.getRawData().isEmpty() && n > 0) {
                requireCount(name, proto.getFloatDataCount(), n, "float_data");
                for (int i = 0; i < n; i++) {
                    values[i] = proto.getFloatData(i);
                }
            } else {
                ByteBuffer raw = raw(name, proto, n, Float.BYTES);
                raw.asFloatBuffer().get(values);
            }
        } else if (type == TensorProto.DataType.DOUBLE_VALUE) {
            dtype = DType.F64;
            if (proto.getRawData().isEmpty() && n > 0) {
                requireCount(name, proto.getDoubleDataCount(), n, "double_data");
                for (int i = 0; i < n; i++) {
                    values[i] = (float) proto.getDoubleData(i);
                }
            } else {
                ByteBuffer raw = raw(name, proto, n, Double.BYTES);
                for (int i = 0; i < n; i++) {
                    values[i] = (float) raw.getDouble();
                }
            }
        } else if (type == TensorProto.DataType.FLOAT16_VALUE || type == TensorProto.DataType.BFLOAT16_VALUE) {
            boolean half = type == TensorProto.DataType.FLOAT16_VALUE;
            dtype = half ? DType.F16 : DType.BF16;
            if (proto.getRawData().isEmpty() && n > 0) {
                // ONNX stores 16-bit floats one per int32_data entry, in the low 16 bits.
                requireCount(name, proto.getInt32DataCount(), n, "int32_data");
                for (int i = 0; i < n; i++) {
                    short bits = (short) proto.getInt32Data(i);
                    values[i] = half ? HalfFloats.halfToFloat(bits) : HalfFloats.bf16ToFloat(bits);
                }
            } else {
                ByteBuffer raw = raw(name, proto, n, 2);
                for (int i = 0; i < n; i++) {
                    short bits = raw.getShort();
                    values[i] = half ? HalfFloats.halfToFloat(bits) : HalfFloats.bf16ToFloat(bits);
                }
            }
        } else {
            throw new UnsupportedOperatorException(name, "tensor data type " + dataTypeName(type),
                    "parameters must be FLOAT, FLOAT16, BFLOAT16 or DOUBLE");
        }
        return new Tensor(name, dtype, dims, values);
    }

    /**
     * Values of a small integer tensor (shape operands such as Reshape targets or Slice bounds),
     * or null when the tensor is not an integer tensor.
     */
    public long[] decodeInts(String name, TensorProto proto) {
        long[] dims = checkedDims(name, proto);
        int n = (int) Tensor.elementCount(dims);
        rejectExternal(name, proto);
        int type = proto.getDataType();
        long[] values = new long[n];
        if (type == TensorProto.DataType.INT64_VALUE) {
            if (proto.getRawData().isEmpty() && n > 0) {
                requireCount(name, proto.getInt64DataCount(), n, "int64_data");
                for (int i = 0; i < n; i++) {
                    values[i] = proto.getInt64Data(i);
                }
            } else {
                raw(name, proto, n, Long.BYTES).asLongBuffer().get(values);
            }
        } else if (type == TensorProto.DataType.INT32_VALUE) {
            if (proto.getRawData().isEmpty() && n > 0) {
                requireCount(name, proto.getInt32DataCount(), n, "int32_data");
                for (int i = 0; i < n; i++) {
                    values[i] = proto.getInt32Data(i);
                }
            } else {
                ByteBuffer raw = raw(name, proto, n, Integer.BYTES);
                for (int i = 0; i < n; i++) {
                    values[i] = raw.getInt();
                }
            }
        } else {
            return null;
        }
        return values;
    }

    private static void rejectExternal(String name, TensorProto proto) {
        if (proto.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new UnsupportedOperatorException(name, "external tensor data",
                    "tensor data lives in a side file; save the model with onnx.save(..., save_as_external_data=False)");
        }
    }

    private static void requireCount(String name, int actual, int expected, String field) {
        if (actual != expected) {
            throw new MalformedInputException(0, "tensor '" + name + "' declares " + expected + " elements but its "
                    + field + " holds " + actual + " (offset unknown: protobuf does not report field positions)");
        }
    }

    private static ByteBuffer raw(String name, TensorProto proto, int n, int elementBytes) {
        long expected = (long) n * elementBytes;
        int actual = proto.getRawData().size();
        if (actual != expected) {
            throw new MalformedInputException(0, "tensor '" + name + "' declares " + n + " elements (" + expected
                    + " bytes) but raw_data holds " + actual
                    + " bytes (offset unknown: protobuf does not report field positions)");
        }
        // ONNX raw_data is little-endian regardless of the platform.
        return proto.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    static String dataTypeName(int type) {
        TensorProto.DataType t = TensorProto.DataType.forNumber(type);
        return t == null ? "code " + type : t.name();
    }
}
