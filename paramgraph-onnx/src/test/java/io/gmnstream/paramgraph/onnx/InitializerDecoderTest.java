package io.gmnstream.paramgraph.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.paramgraph.MalformedInputException;
import io.gmnstream.paramgraph.UnsupportedOperatorException;
import io.gmnstream.paramgraph.onnx.internal.InitializerDecoder;
import io.gmnstream.paramgraph.tensor.DType;
import io.gmnstream.paramgraph.tensor.HalfFloats;
import io.gmnstream.paramgraph.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Tensor payload encodings: raw_data little-endian, float_data, double, float16. */
class InitializerDecoderTest {
    private final InitializerDecoder decoder = new InitializerDecoder(GraphLimits.defaults());

    private static TensorProto.Builder tensor(TensorProto.DataType type, long... dims) {
        TensorProto.Builder b = TensorProto.newBuilder().setName("w").setDataType(type.getNumber());
        for (long d : dims) {
            b.addDims(d);
        }
        return b;
    }

    @Test
    void shouldReadLittleEndianRawFloats() {
        ByteBuffer buf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-0.0f);
        Tensor t = decoder.decodeFloat("w", tensor(TensorProto.DataType.FLOAT, 2).setRawData(ByteString.copyFrom(buf.array())).build());
        assertThat(t.values()).containsExactly(1.5f, -0.0f);
        assertThat(Float.floatToRawIntBits(t.values()[1])).isEqualTo(0x80000000);
        assertThat(t.sourceType()).isEqualTo(DType.F32);
    }

    @Test
    void shouldReadFloatData() {
        Tensor t = decoder.decodeFloat("w", tensor(TensorProto.DataType.FLOAT, 1, 3).addFloatData(1f).addFloatData(2f).addFloatData(3f).build());
        assertThat(t.shape()).containsExactly(1, 3);
        assertThat(t.values()).containsExactly(1f, 2f, 3f);
    }

    @Test
    void shouldReadDoubleAndFloat16() {
        Tensor d = decoder.decodeFloat("w", tensor(TensorProto.DataType.DOUBLE, 2).addDoubleData(0.25).addDoubleData(-4).build());
        assertThat(d.values()).containsExactly(0.25f, -4f);
        assertThat(d.sourceType()).isEqualTo(DType.F64);
        Tensor h = decoder.decodeFloat("w", tensor(TensorProto.DataType.FLOAT16, 2)
                .addInt32Data(HalfFloats.floatToHalfExact(0.5f) & 0xffff).addInt32Data(HalfFloats.floatToHalfExact(-2f) & 0xffff).build());
        assertThat(h.values()).containsExactly(0.5f, -2f);
        assertThat(h.sourceType()).isEqualTo(DType.F16);
    }

    @Test
    void shouldRefuseRawDataOfTheWrongLengthNamingTheTensor() {
        assertThatThrownBy(() -> decoder.decodeFloat("w", tensor(TensorProto.DataType.FLOAT, 3)
                .setRawData(ByteString.copyFrom(new byte[8])).build()))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("'w'").hasMessageContaining("12 bytes");
    }

    @Test
    void shouldRefuseExternalDataAndIntegerParameters() {
        assertThatThrownBy(() -> decoder.decodeFloat("w", tensor(TensorProto.DataType.FLOAT, 3)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL).build()))
                .isInstanceOf(UnsupportedOperatorException.class).hasMessageContaining("save_as_external_data");
        assertThatThrownBy(() -> decoder.decodeFloat("w", tensor(TensorProto.DataType.INT8, 1).setRawData(ByteString.copyFrom(new byte[1])).build()))
                .isInstanceOf(UnsupportedOperatorException.class).hasMessageContaining("INT8");
    }
}
