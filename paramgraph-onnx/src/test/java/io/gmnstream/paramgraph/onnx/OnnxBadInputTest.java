package io.gmnstream.paramgraph.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.gmnstream.paramgraph.GraphErrorReason;
import io.gmnstream.paramgraph.GraphException;
import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.paramgraph.MalformedInputException;
import io.gmnstream.paramgraph.ShapeMismatchException;
import io.gmnstream.paramgraph.SizeLimitException;
import io.gmnstream.paramgraph.UnsupportedOperatorException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Broken and hostile inputs fail with a typed GraphException that names what to fix. */
class OnnxBadInputTest {
    private final OnnxImporter importer = OnnxImporter.withDefaults();

    @Test
    void shouldRefuseTruncatedFilesAtEveryOffsetWithATypedException() {
        for (String file : new String[] {"row3_digits_mlp_op13.onnx", "patch_transformer_attention_op14.onnx",
            "cnn_groupnorm_instancenorm_layernorm_op16.onnx"}) {
            byte[] full = Fixtures.read("/onnx/" + file);
            int step = Math.max(1, full.length / 400);
            for (int len = 0; len < full.length; len += step) {
                byte[] cut = Arrays.copyOf(full, len);
                Throwable t = catchThrowable(() -> importer.importModel(cut));
                assertThat(t).as("%s cut at %d of %d bytes", file, len, full.length).isInstanceOf(GraphException.class);
                if (t instanceof MalformedInputException m) {
                    assertThat(m.byteOffset()).isBetween(0L, (long) len);
                }
            }
        }
    }

    @Test
    void shouldReportTheByteOffsetOfTheFieldThatRunsPastTheEnd() {
        // protobuf checks a length-delimited field's length before reading it: the offset is just
        // after the length of the outermost field that the cut truncated (the graph, at byte 22)
        byte[] full = Fixtures.read("/onnx/row3_digits_mlp_op13.onnx");
        int len = full.length / 2;
        assertThatThrownBy(() -> importer.importModel(Arrays.copyOf(full, len)))
                .isInstanceOfSatisfying(MalformedInputException.class, e -> {
                    assertThat(e.byteOffset()).isBetween(1L, (long) len);
                    assertThat(e.getMessage()).contains("ended unexpectedly");
                    assertThat(e.reason()).isEqualTo(GraphErrorReason.MALFORMED_INPUT);
                    assertThat(e.getMessage()).contains("byte " + e.byteOffset());
                });
    }

    @Test
    void shouldRefuseSeededRandomBytesWithATypedException() {
        SplittableRandom random = new SplittableRandom(20240229L);
        for (int i = 0; i < 300; i++) {
            byte[] bytes = new byte[random.nextInt(1, 4096)];
            random.nextBytes(bytes);
            assertThat(catchThrowable(() -> importer.importModel(bytes))).as("random input %d", i)
                    .isInstanceOf(GraphException.class);
        }
    }

    @Test
    void shouldRefuseCorruptedFixturesWithATypedException() {
        // flip bytes inside a valid file: parse errors, nonsense dims or unknown ops, but typed
        byte[] full = Fixtures.read("/onnx/cnn_residual_op15.onnx");
        SplittableRandom random = new SplittableRandom(7L);
        for (int i = 0; i < 300; i++) {
            byte[] bytes = full.clone();
            for (int k = 0; k < 4; k++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            Throwable t = catchThrowable(() -> importer.importModel(bytes));
            assertThat(t == null || t instanceof GraphException).as("corruption %d threw %s", i, t).isTrue();
        }
    }

    @Test
    void shouldRefuseEmptyInput() {
        assertThatThrownBy(() -> importer.importModel(new byte[0]))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("empty");
    }

    @Test
    void shouldNameTheGruNodeAsUnsupported() {
        assertThatThrownBy(() -> importer.importModel(Fixtures.read("/onnx/bad_unsupported_gru_op14.onnx")))
                .isInstanceOfSatisfying(UnsupportedOperatorException.class, e -> {
                    assertThat(e.nodeName()).isEqualTo("/rnn/GRU");
                    assertThat(e.opType()).isEqualTo("GRU");
                    assertThat(e.reason()).isEqualTo(GraphErrorReason.UNSUPPORTED_OPERATOR);
                });
    }

    @Test
    void shouldNameTheNodeAndTensorWhoseShapeDisagrees() {
        assertThatThrownBy(() -> importer.importModel(Fixtures.read("/onnx/bad_shape_mismatch_op13.onnx")))
                .isInstanceOfSatisfying(ShapeMismatchException.class, e -> {
                    assertThat(e.layer()).isEqualTo("/2/Gemm");
                    assertThat(e.tensor()).isEqualTo("2.weight");
                    assertThat(e.expectedShape()).containsExactly(10, 32);
                    assertThat(e.actualShape()).containsExactly(10, 31);
                });
    }

    @Test
    void shouldRefuseDimsWhoseProductOverflowsBeforeAllocating() {
        assertThatThrownBy(() -> importer.importModel(Fixtures.read("/onnx/bad_dims_overflow_op13.onnx")))
                .isInstanceOf(SizeLimitException.class)
                .hasMessageContaining("0.weight").hasMessageContaining("overflows");
    }

    @Test
    void shouldRefuseATensorOverTheLimitNamingIt() {
        assertThatThrownBy(() -> importer.importModel(Fixtures.read("/onnx/bad_dims_huge_op13.onnx")))
                .isInstanceOfSatisfying(SizeLimitException.class, e -> {
                    assertThat(e.getMessage()).contains("0.weight");
                    assertThat(e.declared()).isEqualTo(10_000_000_000L);
                });
    }

    @Test
    void shouldApplyConfiguredTensorLimits() {
        OnnxImporter tight = new OnnxImporter(GraphLimits.defaults().withMaxTensorBytes(1024));
        assertThatThrownBy(() -> tight.importModel(Fixtures.read("/onnx/row3_digits_mlp_op13.onnx")))
                .isInstanceOf(SizeLimitException.class).hasMessageContaining("0.weight");
    }

    @Test
    void shouldApplyTheFileSizeLimit() {
        OnnxImporter tight = new OnnxImporter(GraphLimits.defaults().withMaxFileBytes(1000));
        assertThatThrownBy(() -> tight.importModel(Fixtures.read("/onnx/row3_digits_mlp_op13.onnx")))
                .isInstanceOf(SizeLimitException.class);
    }

    @Test
    void shouldNameAnOpsetOutsideTheSupportedRange() {
        assertThatThrownBy(() -> importer.importModel(Fixtures.read("/onnx/bad_opset11.onnx")))
                .isInstanceOf(UnsupportedOperatorException.class)
                .hasMessageContaining("opset 11").hasMessageContaining("13 to 17");
    }
}
