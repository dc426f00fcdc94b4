package io.gmnstream.paramgraph.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.gmnstream.paramgraph.GraphErrorReason;
import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.paramgraph.MalformedInputException;
import io.gmnstream.paramgraph.MissingTensorException;
import io.gmnstream.paramgraph.SizeLimitException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsReaderTest {
    private final SafetensorsReader reader = new SafetensorsReader();

    private static List<Tensor> sample() {
        return List.of(
                Tensor.f32("a.weight", new long[] {2, 3}, new float[] {1, -2, 3.5f, Float.NaN, -0.0f, Float.MIN_VALUE}),
                new Tensor("b.half", DType.F16, new long[] {3}, new float[] {0.5f, -65504f, Math.scalb(1f, -24)}),
                new Tensor("c.bf16", DType.BF16, new long[] {2}, new float[] {1.5f, -3.140625f}),
                new Tensor("d.double", DType.F64, new long[] {1, 1}, new float[] {0.1f}),
                Tensor.f32("e.empty", new long[] {0, 4}, new float[0]));
    }

    private static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    @Test
    void shouldRoundTripEveryStoredTypeExactly() {
        List<Tensor> tensors = sample();
        SafetensorsFile f = reader.read(SafetensorsWriter.write(tensors, Map.of("format", "pt")));

        assertThat(f.names()).containsExactly("a.weight", "b.half", "c.bf16", "d.double", "e.empty");
        for (Tensor t : tensors) {
            assertThat(f.get(t.name())).isEqualTo(t);
        }
        assertThat(f.entries().get("b.half").dtype()).isEqualTo(DType.F16);
        assertThat(f.metadata()).containsEntry("format", "pt");
    }

    @Test
    void shouldReadFromAPathAndAStream(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("m.safetensors");
        SafetensorsWriter.write(sample(), p);

        assertThat(reader.read(p).get("a.weight")).isEqualTo(sample().get(0));
        try (var in = java.nio.file.Files.newInputStream(p)) {
            assertThat(reader.read(in).get("b.half")).isEqualTo(sample().get(1));
        }
    }

    @Test
    void shouldDecodeIntegerTypes() {
        ByteBuffer data = ByteBuffer.allocate(8 + 4 + 2 + 1).order(ByteOrder.LITTLE_ENDIAN);
        data.putLong(-3).putInt(-7).putShort((short) 0xffff).put((byte) 200);
        String header = "{\"i\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"j\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[8,12]},"
                + "\"k\":{\"dtype\":\"U16\",\"shape\":[1],\"data_offsets\":[12,14]},"
                + "\"l\":{\"dtype\":\"U8\",\"shape\":[],\"data_offsets\":[14,15]}}";
        byte[] bytes = file(header, 15);
        System.arraycopy(data.array(), 0, bytes, bytes.length - 15, 15);

        SafetensorsFile f = reader.read(bytes);

        assertThat(f.get("i").values()).containsExactly(-3f);
        assertThat(f.get("j").values()).containsExactly(-7f);
        assertThat(f.get("k").values()).containsExactly(65535f);
        assertThat(f.get("l").values()).containsExactly(200f);
    }

    @Test
    void missingTensorShouldNameIt() {
        SafetensorsFile f = reader.read(SafetensorsWriter.write(sample()));

        assertThatThrownBy(() -> f.get("nope")).isInstanceOf(MissingTensorException.class).hasMessageContaining("'nope'");
    }

    @Test
    void everyTruncationShouldBeMalformedInputWithAnOffset() {
        byte[] full = SafetensorsWriter.write(sample());
        for (int len = 0; len < full.length; len++) {
            byte[] cut = Arrays.copyOf(full, len);
            Throwable t = catchThrowable(() -> reader.read(cut));
            assertThat(t).as("truncated to %d bytes", len).isInstanceOf(MalformedInputException.class);
            assertThat(((MalformedInputException) t).byteOffset()).isBetween(0L, (long) len);
            assertThat(((MalformedInputException) t).reason()).isEqualTo(GraphErrorReason.MALFORMED_INPUT);
        }
    }

    @Test
    void randomBytesShouldBeMalformedInput() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[random.nextInt(300)];
            random.nextBytes(junk);
            assertThat(catchThrowable(() -> reader.read(junk))).isInstanceOf(MalformedInputException.class);
        }
    }

    @Test
    void corruptedHeaderBytesShouldBeMalformedInput() {
        byte[] full = SafetensorsWriter.write(sample());
        int headerEnd = 8 + (int) ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] copy = full.clone();
            int at = 8 + random.nextInt(headerEnd - 8);
            copy[at] = (byte) random.nextInt(256);
            Throwable t = catchThrowable(() -> reader.read(copy));
            // a flip inside a name or a space may still leave a valid file
            if (t != null) {
                assertThat(t).as("byte %d", at).isInstanceOf(MalformedInputException.class);
            }
        }
    }

    @Test
    void headerLengthBeyondTheFileShouldBeMalformed() {
        byte[] bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(9).array();

        assertThatThrownBy(() -> reader.read(bytes)).isInstanceOf(MalformedInputException.class).hasMessageContaining("header length 9")
                .extracting(e -> ((MalformedInputException) e).byteOffset()).isEqualTo(0L);
    }

    @Test
    void overlappingOffsetsShouldBeMalformed() {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";

        assertThatThrownBy(() -> reader.read(file(header, 12))).isInstanceOf(MalformedInputException.class).hasMessageContaining("overlapping");
    }

    @Test
    void offsetsOutOfRangeShouldBeMalformed() {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}";

        assertThatThrownBy(() -> reader.read(file(header, 8))).isInstanceOf(MalformedInputException.class).hasMessageContaining("outside");
    }

    @Test
    void offsetsInconsistentWithTheShapeShouldBeMalformed() {
        String header = "{\"a\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,16]}}";

        assertThatThrownBy(() -> reader.read(file(header, 16))).isInstanceOf(MalformedInputException.class).hasMessageContaining("needs 8");
    }

    @Test
    void shapeProductOverflowShouldBeMalformed() {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,0]}}";

        assertThatThrownBy(() -> reader.read(file(header, 0))).isInstanceOf(MalformedInputException.class).hasMessageContaining("overflow");
    }

    @Test
    void unknownDtypeAndMissingFieldsShouldBeMalformed() {
        assertThatThrownBy(() -> reader.read(file("{\"a\":{\"dtype\":\"F7\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1)))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("unsupported dtype 'F7'");
        assertThatThrownBy(() -> reader.read(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4)))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("data_offsets");
        assertThatThrownBy(() -> reader.read(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{}}", 4)))
                .isInstanceOf(MalformedInputException.class);
    }

    @Test
    void aTensorOverMaxTensorBytesShouldBeRefusedBeforeDecoding() {
        SafetensorsReader small = new SafetensorsReader(GraphLimits.defaults().withMaxTensorBytes(16));
        byte[] bytes = SafetensorsWriter.write(List.of(Tensor.f32("big", new long[] {5}, new float[5])));

        assertThatThrownBy(() -> small.read(bytes)).isInstanceOf(SizeLimitException.class).hasMessageContaining("'big'")
                .satisfies(e -> {
                    SizeLimitException s = (SizeLimitException) e;
                    assertThat(s.declared()).isEqualTo(20);
                    assertThat(s.limit()).isEqualTo(16);
                    assertThat(s.reason()).isEqualTo(GraphErrorReason.TOO_LARGE);
                });
    }

    @Test
    void totalElementsOverMaxParametersShouldBeRefused() {
        SafetensorsReader small = new SafetensorsReader(GraphLimits.defaults().withMaxParameters(6));
        byte[] bytes = SafetensorsWriter.write(List.of(Tensor.f32("a", new long[] {4}, new float[4]), Tensor.f32("b", new long[] {4}, new float[4])));

        assertThatThrownBy(() -> small.read(bytes)).isInstanceOf(SizeLimitException.class).hasMessageContaining("total tensor elements");
    }

    @Test
    void headerAndFileOverTheirLimitsShouldBeRefused() {
        byte[] bytes = SafetensorsWriter.write(sample());

        assertThatThrownBy(() -> new SafetensorsReader(GraphLimits.defaults().withMaxHeaderBytes(64)).read(bytes))
                .isInstanceOf(SizeLimitException.class).hasMessageContaining("header");
        assertThatThrownBy(() -> new SafetensorsReader(GraphLimits.defaults().withMaxFileBytes(100)).read(bytes))
                .isInstanceOf(SizeLimitException.class).hasMessageContaining("file bytes");
    }

    @Test
    void halfFloatConversionShouldBeExactForEveryBitPattern() {
        for (int h = 0; h < 65536; h++) {
            float f = HalfFloats.halfToFloat((short) h);
            if (Float.isNaN(f)) {
                assertThat(Float.isNaN(f)).isTrue();
                continue;
            }
            assertThat(HalfFloats.floatToHalfExact(f)).as("half bits %x", h).isEqualTo((short) h);
        }
        assertThat(HalfFloats.halfToFloat((short) 0x3c00)).isEqualTo(1.0f);
        assertThat(HalfFloats.halfToFloat((short) 0x0001)).isEqualTo(Math.scalb(1f, -24));
        assertThatThrownBy(() -> HalfFloats.floatToHalfExact(0.1f)).isInstanceOf(IllegalArgumentException.class);
    }
}
