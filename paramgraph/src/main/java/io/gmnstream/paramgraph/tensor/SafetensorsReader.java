package io.gmnstream.paramgraph.tensor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.paramgraph.MalformedInputException;
import io.gmnstream.paramgraph.SizeLimitException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the safetensors format: an 8-byte little-endian header length N, N bytes of JSON header
 * ({@code name -> {dtype, shape, data_offsets}} plus optional {@code __metadata__}), then the data.
 *
 * <p>Everything in the header is validated against the file and the {@link GraphLimits} before any
 * tensor memory is allocated; tensors are decoded lazily by {@link SafetensorsFile#get}. Bad bytes
 * always raise {@link MalformedInputException} with the offset; sizes over a limit raise
 * {@link SizeLimitException}.
 */
public final class SafetensorsReader {
    private static final int MAX_RANK = 16;
    private static final String METADATA_KEY = "__metadata__";

    private final GraphLimits limits;
    private final JsonFactory json;

    public SafetensorsReader(GraphLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.json = JsonFactory.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    public SafetensorsReader() {
        this(GraphLimits.defaults());
    }

    public SafetensorsFile read(byte[] bytes) {
        return read(ByteBuffer.wrap(bytes));
    }

    /** Memory-maps the file after checking its size against {@code maxFileBytes}. */
    public SafetensorsFile read(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            checkFileSize(size);
            return read(channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read safetensors file " + path, e);
        }
    }

    /** Reads the stream to its end, refusing more than {@code maxFileBytes}. */
    public SafetensorsFile read(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        long total = 0;
        try {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                total += n;
                checkFileSize(total);
                out.write(chunk, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read safetensors stream", e);
        }
        return read(out.toByteArray());
    }

    public SafetensorsFile read(ByteBuffer buffer) {
        ByteBuffer file = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
        long fileSize = file.remaining();
        checkFileSize(fileSize);
        if (fileSize < 8) {
            throw new MalformedInputException(fileSize, "file has " + fileSize + " bytes, fewer than the 8-byte header length");
        }
        long headerLength = file.getLong(0);
        if (headerLength < 0 || headerLength > fileSize - 8) {
            throw new MalformedInputException(0, "header length " + Long.toUnsignedString(headerLength)
                    + " does not fit in the " + (fileSize - 8) + " bytes after the length field (truncated or not safetensors)");
        }
        if (headerLength > limits.maxHeaderBytes()) {
            throw new SizeLimitException("safetensors header bytes", headerLength, limits.maxHeaderBytes());
        }
        if (headerLength < 2) {
            throw new MalformedInputException(8, "header of " + headerLength + " bytes cannot hold a JSON object");
        }
        byte[] header = new byte[(int) headerLength];
        file.get(8, header);
        long dataStart = 8 + headerLength;
        long dataLength = fileSize - dataStart;
        ParsedHeader parsed = parseHeader(header, dataLength);
        checkLayout(parsed.entries, dataLength, dataStart);
        ByteBuffer data = file.slice((int) dataStart, (int) dataLength).order(ByteOrder.LITTLE_ENDIAN);
        return new SafetensorsFile(data, parsed.entries, parsed.metadata);
    }

    private void checkFileSize(long size) {
        if (size > limits.maxFileBytes()) {
            throw new SizeLimitException("safetensors file bytes", size, limits.maxFileBytes());
        }
    }

    private record ParsedHeader(Map<String, SafetensorsFile.Entry> entries, Map<String, String> metadata) {
    }

    private ParsedHeader parseHeader(byte[] header, long dataLength) {
        Map<String, SafetensorsFile.Entry> entries = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        long totalElements = 0;
        try (JsonParser p = json.createParser(header)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "the header must be a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                long entryOffset = offset(p);
                if (METADATA_KEY.equals(name)) {
                    readMetadata(p, metadata);
                    continue;
                }
                SafetensorsFile.Entry entry = readEntry(p, name, entryOffset, dataLength);
                entries.put(name, entry);
                totalElements += entry.elementCount();
                if (totalElements > limits.maxParameters()) {
                    throw new SizeLimitException("total tensor elements in the file", totalElements, limits.maxParameters());
                }
            }
            expect(p, p.currentToken(), JsonToken.END_OBJECT, "expected the end of the header object");
            if (p.nextToken() != null) {
                throw new MalformedInputException(offset(p), "unexpected content after the header object (only space padding is allowed)");
            }
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null || e.getLocation().getByteOffset() < 0 ? 8 : 8 + e.getLocation().getByteOffset();
            throw new MalformedInputException(at, "header is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedInputException(8, "header cannot be decoded: " + e.getMessage(), e);
        }
        return new ParsedHeader(entries, metadata);
    }

    private void readMetadata(JsonParser p, Map<String, String> metadata) throws IOException {
        expect(p, p.nextToken(), JsonToken.START_OBJECT, "__metadata__ must be an object of strings");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            expect(p, p.nextToken(), JsonToken.VALUE_STRING, "__metadata__ values must be strings");
            metadata.put(key, p.getText());
        }
    }

    private SafetensorsFile.Entry readEntry(JsonParser p, String name, long entryOffset, long dataLength) throws IOException {
        expect(p, p.nextToken(), JsonToken.START_OBJECT, "tensor '" + name + "' must be an object");
        DType dtype = null;
        long[] shape = null;
        long[] offsets = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "dtype" -> {
                    expect(p, value, JsonToken.VALUE_STRING, "tensor '" + name + "': dtype must be a string");
                    String text = p.getText();
                    dtype = DType.fromWireName(text).orElseThrow(() -> new MalformedInputException(offset(p),
                            "tensor '" + name + "': unsupported dtype '" + text + "'"));
                }
                case "shape" -> shape = readLongs(p, value, name, "shape", MAX_RANK);
                case "data_offsets" -> {
                    offsets = readLongs(p, value, name, "data_offsets", 2);
                    if (offsets.length != 2) {
                        throw new MalformedInputException(offset(p), "tensor '" + name + "': data_offsets must be [begin, end]");
                    }
                }
                default -> throw new MalformedInputException(offset(p), "tensor '" + name + "': unknown field '" + field + "'");
            }
        }
        if (dtype == null || shape == null || offsets == null) {
            throw new MalformedInputException(entryOffset, "tensor '" + name + "' needs dtype, shape and data_offsets");
        }
        long elements;
        long bytes;
        try {
            elements = Tensor.elementCount(shape);
            bytes = Math.multiplyExact(elements, (long) dtype.byteSize());
            Math.multiplyExact(elements, (long) Float.BYTES);
        } catch (ArithmeticException e) {
            throw new MalformedInputException(entryOffset, "tensor '" + name + "': shape product overflows 64 bits", e);
        }
        long inMemory = Math.max(bytes, elements * Float.BYTES);
        if (inMemory > limits.maxTensorBytes()) {
            throw new SizeLimitException("bytes of tensor '" + name + "'", inMemory, limits.maxTensorBytes());
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end || end > dataLength) {
            throw new MalformedInputException(entryOffset, "tensor '" + name + "': data_offsets [" + begin + ", " + end
                    + "] are outside the " + dataLength + " data bytes (truncated file?)");
        }
        if (end - begin != bytes) {
            throw new MalformedInputException(entryOffset, "tensor '" + name + "': data_offsets span " + (end - begin)
                    + " bytes but dtype " + dtype.wireName() + " x shape needs " + bytes);
        }
        return new SafetensorsFile.Entry(name, dtype, shape, begin, end, entryOffset);
    }

    private static long[] readLongs(JsonParser p, JsonToken start, String name, String field, int maxLength) throws IOException {
        expect(p, start, JsonToken.START_ARRAY, "tensor '" + name + "': " + field + " must be an array of integers");
        List<Long> values = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            expect(p, t, JsonToken.VALUE_NUMBER_INT, "tensor '" + name + "': " + field + " must hold integers");
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw new MalformedInputException(offset(p), "tensor '" + name + "': " + field + " value does not fit in 64 bits");
            }
            long v = p.getLongValue();
            if (v < 0) {
                throw new MalformedInputException(offset(p), "tensor '" + name + "': " + field + " value " + v + " is negative");
            }
            if (values.size() == maxLength) {
                throw new MalformedInputException(offset(p), "tensor '" + name + "': " + field + " has more than " + maxLength + " values");
            }
            values.add(v);
        }
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** Tensors must tile the data section exactly, in offset order, like the reference implementation requires. */
    private static void checkLayout(Map<String, SafetensorsFile.Entry> entries, long dataLength, long dataStart) {
        List<SafetensorsFile.Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparingLong(SafetensorsFile.Entry::begin).thenComparingLong(SafetensorsFile.Entry::end));
        long expected = 0;
        for (SafetensorsFile.Entry e : sorted) {
            if (e.begin() != expected) {
                throw new MalformedInputException(e.headerOffset(), "tensor '" + e.name() + "' starts at data byte " + e.begin()
                        + " but the previous tensor ends at " + expected + " (overlapping or gapped data_offsets)");
            }
            expected = e.end();
        }
        if (expected != dataLength) {
            throw new MalformedInputException(dataStart + expected, "tensors cover " + expected + " data bytes but the file has "
                    + dataLength + " (trailing bytes or truncated header)");
        }
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected, String problem) {
        if (actual != expected) {
            throw new MalformedInputException(offset(p), problem);
        }
    }

    private static long offset(JsonParser p) {
        long at = p.currentTokenLocation().getByteOffset();
        return 8 + Math.max(at, 0);
    }
}
