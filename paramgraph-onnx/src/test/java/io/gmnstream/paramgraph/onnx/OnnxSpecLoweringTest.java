package io.gmnstream.paramgraph.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.paramgraph.spec.InputLayout;
import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The patterns PyTorch exports become the intended spec layers. */
class OnnxSpecLoweringTest {
    private final OnnxImporter importer = OnnxImporter.withDefaults();

    private NetworkSpec spec(String file) {
        return importer.importModel(Fixtures.read("/onnx/" + file)).spec();
    }

    private static List<String> ops(NetworkSpec spec) {
        return spec.layers().stream().map(LayerSpec::op).toList();
    }

    @Test
    void shouldLowerDecomposedLayerNormAtOpset13LikeTheSingleOpAtOpset17() {
        List<String> expected = List.of("linear", "activation", "layer_norm", "linear");
        assertThat(ops(spec("row1_linear_layernorm_op13.onnx"))).isEqualTo(expected);
        assertThat(ops(spec("row1_linear_layernorm_op17.onnx"))).isEqualTo(expected);
        LayerSpec.Linear first = (LayerSpec.Linear) spec("row1_linear_layernorm_op13.onnx").layers().get(0);
        assertThat(first.transposedWeight()).as("MatMul stores [in, out]").isTrue();
        assertThat(first.bias()).isFalse();
    }

    @Test
    void shouldKeepBatchNormExportedWithTrainingModePreserve() {
        NetworkSpec spec = spec("row5_digits_cnn_batchnorm_op16.onnx");
        // the Flatten after a global pool only drops size-1 axes: no spec layer
        assertThat(ops(spec)).containsExactly("conv", "activation", "batch_norm", "conv", "global_avg_pool", "linear");
        assertThat(spec.input().layout()).isEqualTo(InputLayout.CHANNELS_FIRST);
        assertThat(spec.input().shape()).containsExactly(1, 8, 8);
    }

    @Test
    void shouldSeeNoBatchNormWhenEvalExportFusedItIntoTheConv() {
        assertThat(ops(spec("digits_cnn_batchnorm_fused_eval_op16.onnx"))).doesNotContain("batch_norm");
    }

    @Test
    void shouldRecogniseGroupNormGeluInstanceNormAndChannelLayerNorm() {
        NetworkSpec spec = spec("cnn_groupnorm_instancenorm_layernorm_op16.onnx");
        assertThat(ops(spec)).containsExactly("conv", "group_norm", "activation", "conv", "instance_norm", "activation",
                "conv", "layer_norm", "flatten", "linear");
        LayerSpec.GroupNorm gn = (LayerSpec.GroupNorm) spec.layers().get(1);
        assertThat(gn.numGroups()).isEqualTo(2);
        assertThat(gn.numChannels()).isEqualTo(8);
        assertThat(((LayerSpec.Activation) spec.layers().get(2)).fn()).isEqualTo("gelu");
        assertThat(((LayerSpec.InstanceNorm) spec.layers().get(4)).affine()).isTrue();
        assertThat(((LayerSpec.Conv) spec.layers().get(3)).groups()).isEqualTo(2);
        assertThat(((LayerSpec.Conv) spec.layers().get(6)).groups()).isEqualTo(8);
        assertThat(((LayerSpec.LayerNorm) spec.layers().get(7)).normalizedShape()).containsExactly(8, 2, 2);
    }

    @Test
    void shouldRecogniseMultiheadAttentionAsOneLayerWithItsHeads() {
        for (String file : List.of("patch_transformer_attention_op14.onnx", "patch_transformer_attention_op17.onnx")) {
            NetworkSpec spec = spec(file);
            assertThat(spec.input().layout()).isEqualTo(InputLayout.SEQUENCE);
            assertThat(ops(spec)).as(file).containsExactly("layer_norm", "attention", "add", "layer_norm", "linear",
                    "activation", "linear", "add", "layer_norm", "global_avg_pool", "linear");
            LayerSpec.Attention attention = (LayerSpec.Attention) spec.layers().get(1);
            assertThat(attention.embedDim()).isEqualTo(8);
            assertThat(attention.numHeads()).isEqualTo(2);
            assertThat(attention.packedProjection()).isTrue();
            assertThat(attention.bias()).isTrue();
            // the export's own layouts, no transposed copy: MatMul in-projection [d, 3d], Gemm transB=1 output [out, in]
            assertThat(attention.transposedWeight()).as("in-projection stored [in, out]").isTrue();
            assertThat(attention.transposedOutProjection()).as("output projection stored [out, in]").isFalse();
            assertThat(attention.params().get(LayerSpec.Attention.IN_PROJ_WEIGHT)).doesNotContain("transpose(");
        }
    }

    @Test
    void shouldReadResidualAddsAsAddLayers() {
        NetworkSpec spec = spec("cnn_residual_op15.onnx");
        assertThat(ops(spec)).filteredOn("add"::equals).hasSize(1);
        LayerSpec add = spec.layers().stream().filter(l -> l.op().equals("add")).findFirst().orElseThrow();
        assertThat(add.inputs()).hasSize(2);
    }

    @Test
    void shouldLowerPoolsFlattenAndViewReshape() {
        assertThat(ops(spec("digits_cnn_view_reshape_op13.onnx")))
                .containsExactly("conv", "activation", "avg_pool", "flatten", "linear");
        assertThat(ops(spec("digits_cnn_flatten_op14.onnx")))
                .containsExactly("conv", "activation", "max_pool", "flatten", "linear");
        assertThat(ops(spec("sequence_linear_matmul_op14.onnx")))
                .containsExactly("linear", "activation", "linear", "flatten", "linear");
    }

    @Test
    void shouldNameLayersAfterTheOnnxNodesAndTensorsAfterTheInitializers() {
        ImportedModel model = importer.importModel(Fixtures.read("/onnx/row3_digits_mlp_op13.onnx"));
        LayerSpec first = model.spec().layers().get(0);
        assertThat(first.name()).isEqualTo("/0/Gemm");
        assertThat(first.params()).containsEntry("weight", "0.weight").containsEntry("bias", "0.bias");
        assertThat(model.tensors().names()).containsExactlyInAnyOrder("0.weight", "0.bias", "2.weight", "2.bias");
    }

    @Test
    void shouldLeaveRunningStatisticsOutOfTheTensors() {
        ImportedModel model = importer.importModel(Fixtures.read("/onnx/row2_conv1d_batchnorm_op14.onnx"));
        assertThat(model.tensors().names()).noneMatch(n -> n.contains("running"));
        assertThat(model.spec().input().layout()).isEqualTo(InputLayout.CHANNELS_FIRST);
    }
}
