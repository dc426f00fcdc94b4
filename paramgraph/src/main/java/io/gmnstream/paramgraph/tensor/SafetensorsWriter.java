package io.gmnstream.paramgraph.tensor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * Writes tensors in the safetensors format (header padded with spaces to a multiple of 8). Each
 * tensor is stored in its {@code sourceType} when that is F32, F64, F16 or BF16 (the 16-bit types
 * only when every value is exactly representable); used for round trips and Python-free fixtures.
 */
public final class SafetensorsWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SafetensorsWriter() {
    }

    public static byte[] write(Collection<Tensor> tensors) {
        return write(tensors, Map.of());
    }

    public static byte[] write(Collection<Tensor> tensors, Map<String, String> metadata) {
        ObjectNode header = MAPPER.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Tensor t : tensors) {
            DType type = storedType(t);
            long bytes = (long) t.size() * type.byteSize();
            ObjectNode entry = header.putObject(t.name());
            entry.put("dtype", type.wireName());
            ArrayNode shape = entry.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json;
        try {
            json = MAPPER.writeValueAsBytes(header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int padded = (json.length + 7) & ~7;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Tensor t : tensors) {
            putValues(out, t, storedType(t));
        }
        return out.array();
    }

    public static void write(Collection<Tensor> tensors, Path path) {
        try {
            Files.write(path, write(tensors));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    private static DType storedType(Tensor t) {
        return switch (t.sourceType()) {
            case F64, F16, BF16 -> t.sourceType();
            default -> DType.F32;
        };
    }

    private static void putValues(ByteBuffer out, Tensor t, DType type) {
        float[] v = t.values();
        switch (type) {
            case F32 -> {
                out.asFloatBuffer().put(v);
                out.position(out.position() + v.length * 4);
            }
            case F64 -> {
                for (float f : v) {
                    out.putDouble(f);
                }
            }
            case F16 -> {
                for (float f : v) {
                    out.putShort(HalfFloats.floatToHalfExact(f));
                }
            }
            case BF16 -> {
                for (float f : v) {
                    out.putShort(HalfFloats.floatToBf16Exact(f));
                }
            }
            default -> throw new IllegalStateException("unexpected stored type " + type);
        }
    }
}
