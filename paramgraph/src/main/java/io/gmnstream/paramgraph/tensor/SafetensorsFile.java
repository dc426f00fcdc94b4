package io.gmnstream.paramgraph.tensor;

import io.gmnstream.paramgraph.MissingTensorException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * A validated safetensors file: the header is parsed, the data stays in its buffer and a tensor is
 * decoded to float32 only when asked for (bulk little-endian reads). Thread-safe.
 */
public final class SafetensorsFile implements TensorSource {

    /** One header entry; offsets are relative to the data section. */
    public record Entry(String name, DType dtype, long[] shape, long begin, long end, long headerOffset) {
        public Entry {
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        public long elementCount() {
            return Tensor.elementCount(shape);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && name.equals(e.name) && dtype == e.dtype && Arrays.equals(shape, e.shape)
                    && begin == e.begin && end == e.end;
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Long.hashCode(begin);
        }

        @Override
        public String toString() {
            return "Entry[" + name + ", " + dtype + ", " + Arrays.toString(shape) + ", " + begin + ".." + end + "]";
        }
    }

    private final ByteBuffer data;
    private final Map<String, Entry> entries;
    private final Map<String, String> metadata;

    SafetensorsFile(ByteBuffer data, Map<String, Entry> entries, Map<String, String> metadata) {
        this.data = data;
        this.entries = Collections.unmodifiableMap(entries);
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    /** The optional {@code __metadata__} string map. */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public Set<String> names() {
        return entries.keySet();
    }

    @Override
    public Tensor get(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new MissingTensorException(name);
        }
        return new Tensor(name, e.dtype(), e.shape(), decode(e));
    }

    private float[] decode(Entry e) {
        int n = (int) e.elementCount();
        // a private view per call keeps concurrent readers independent
        ByteBuffer view = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        view.position((int) e.begin()).limit((int) e.end());
        ByteBuffer bytes = view.slice().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[n];
        switch (e.dtype()) {
            case F32 -> bytes.asFloatBuffer().get(out);
            case F64 -> {
                double[] tmp = new double[n];
                bytes.asDoubleBuffer().get(tmp);
                for (int i = 0; i < n; i++) {
                    out[i] = (float) tmp[i];
                }
            }
            case F16 -> {
                short[] tmp = new short[n];
                bytes.asShortBuffer().get(tmp);
                for (int i = 0; i < n; i++) {
                    out[i] = HalfFloats.halfToFloat(tmp[i]);
                }
            }
            case BF16 -> {
                short[] tmp = new short[n];
                bytes.asShortBuffer().get(tmp);
                for (int i = 0; i < n; i++) {
                    out[i] = HalfFloats.bf16ToFloat(tmp[i]);
                }
            }
            case I64, U64 -> {
                long[] tmp = new long[n];
                bytes.asLongBuffer().get(tmp);
                boolean unsigned = e.dtype() == DType.U64;
                for (int i = 0; i < n; i++) {
                    out[i] = unsigned && tmp[i] < 0 ? (float) (tmp[i] >>> 1) * 2f : (float) tmp[i];
                }
            }
            case I32, U32 -> {
                int[] tmp = new int[n];
                bytes.asIntBuffer().get(tmp);
                boolean unsigned = e.dtype() == DType.U32;
                for (int i = 0; i < n; i++) {
                    out[i] = unsigned ? (float) Integer.toUnsignedLong(tmp[i]) : (float) tmp[i];
                }
            }
            case I16, U16 -> {
                short[] tmp = new short[n];
                bytes.asShortBuffer().get(tmp);
                boolean unsigned = e.dtype() == DType.U16;
                for (int i = 0; i < n; i++) {
                    out[i] = unsigned ? (float) (tmp[i] & 0xffff) : (float) tmp[i];
                }
            }
            case I8, U8, BOOL -> {
                boolean unsigned = e.dtype() != DType.I8;
                for (int i = 0; i < n; i++) {
                    byte b = bytes.get(i);
                    out[i] = unsigned ? (float) (b & 0xff) : (float) b;
                }
            }
        }
        return out;
    }
}
