package io.gmnstream.paramgraph.testing;

import static io.gmnstream.paramgraph.spec.Layers.*;

import io.gmnstream.paramgraph.spec.InputSpec;
import io.gmnstream.paramgraph.spec.LayerSpec;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The test corpus: the six networks of the sizes table plus one network per rule family. */
public final class Networks {
    private Networks() {
    }

    public static NetworkSpec tinyLayerNormMlp() {
        return NetworkSpec.of(InputSpec.features(2), linear("fc1", 2, 3).withBias(false), relu("act"), layerNorm("ln", 3),
                linear("fc2", 3, 1));
    }

    public static NetworkSpec tinyConv1dBatchNorm() {
        return NetworkSpec.of(InputSpec.channelsFirst(1, 8), conv1d("conv", 1, 3, 2).withBias(false), relu("act"),
                batchNorm("bn", 3), globalAvgPool("pool"), linear("fc", 3, 2));
    }

    public static NetworkSpec mlp64() {
        return NetworkSpec.of(InputSpec.features(64), linear("fc1", 64, 32), relu("act"), linear("fc2", 32, 10));
    }

    public static NetworkSpec smallCnn() {
        return NetworkSpec.of(InputSpec.channelsFirst(1, 28, 28), conv2d("conv1", 1, 8, 3), relu("act1"), conv2d("conv2", 8, 16, 3),
                globalAvgPool("pool"), linear("fc", 16, 10));
    }

    public static NetworkSpec smallCnnWithBatchNorm() {
        return NetworkSpec.of(InputSpec.channelsFirst(1, 28, 28), conv2d("conv1", 1, 8, 3), batchNorm("bn1", 8), relu("act1"),
                conv2d("conv2", 8, 16, 3), globalAvgPool("pool"), linear("fc", 16, 10));
    }

    public static NetworkSpec cnnZoo() {
        return NetworkSpec.of(InputSpec.channelsFirst(1, 28, 28), conv2d("conv1", 1, 16, 3).withStride(2, 2), relu("a1"),
                conv2d("conv2", 16, 16, 3).withStride(2, 2), relu("a2"), conv2d("conv3", 16, 16, 3).withStride(2, 2), relu("a3"),
                globalAvgPool("pool"), linear("fc", 16, 10));
    }

    /** The sizes table of shared/design/PARAMETER_GRAPHS.md: network, nodes, edges. */
    public record SizeRow(String name, NetworkSpec spec, int nodes, int edges) {
    }

    public static List<SizeRow> sizesTable() {
        return List.of(
                new SizeRow("linear-relu-layernorm-linear", tinyLayerNormMlp(), 9, 16),
                new SizeRow("conv1d-relu-batchnorm-pool-linear", tinyConv1dBatchNorm(), 9, 20),
                new SizeRow("mlp 64-32-10", mlp64(), 108, 2410),
                new SizeRow("cnn 1-8-16-10", smallCnn(), 38, 1418),
                new SizeRow("cnn 1-8-16-10 with batchnorm", smallCnnWithBatchNorm(), 40, 1434),
                new SizeRow("small cnn zoo", cnnZoo(), 63, 4970));
    }

    /** Grouped + depthwise conv, pooling with padding, dilation, flatten of a CHW map into a linear. */
    public static NetworkSpec groupedCnnFlatten() {
        return NetworkSpec.of(InputSpec.channelsFirst(4, 9, 9),
                conv2d("conv1", 4, 8, 3).withGroups(2).withPadding(1, 1),
                groupNorm("gn", 4, 8),
                relu("act1"),
                conv2d("dw", 8, 8, 3).withGroups(8).withDilation(2, 2).withBias(false),
                instanceNorm("in", 8, true),
                new LayerSpec.Pool("mp", List.of(), LayerSpec.PoolKind.MAX, List.of(2, 2), List.of(2, 2), List.of(1, 1)),
                new LayerSpec.Dropout("drop", List.of()),
                flatten("flat"),
                linear("fc", 8 * 3 * 3, 5));
    }

    /** 1-D and 3-D convs, avg pool, LayerNorm over [C, L] with positional edges, flatten of 1-D and 3-D maps. */
    public static NetworkSpec conv1dAnd3d() {
        return NetworkSpec.of(InputSpec.channelsFirst(2, 6, 4, 4),
                conv3d("c3", 2, 3, 2).withBias(false),
                avgPool("ap", 1, 3, 3),
                layerNorm("ln3", 3, 5, 1, 1),
                flatten("flat"),
                linear("fc", 15, 4).withTransposedWeight(true),
                identity("id"));
    }

    public static NetworkSpec conv1dFlatten() {
        return NetworkSpec.of(InputSpec.channelsFirst(3, 10),
                conv1d("c1", 3, 4, 3).withStride(2),
                layerNorm("ln", 4, 4),
                new LayerSpec.Activation("gelu", List.of(), "gelu"),
                flatten("flat"),
                linear("fc", 16, 2));
    }

    /** Residual MLP with LayerNorm: stream width 10, block hidden 20. */
    public static NetworkSpec residualMlp() {
        return NetworkSpec.builder(InputSpec.features(6))
                .add(linear("fc_in", 6, 10))
                .add(layerNorm("ln", 10))
                .add(linear("fc_a", 10, 20))
                .add(relu("act"))
                .add(linear("fc_b", 20, 10))
                .add(add("res", "ln", "fc_b"))
                .add(linear("fc_out", 10, 3))
                .build();
    }

    /**
     * Token transformer block: embedding, LN, packed attention, residual, LN (no bias), MLP, residual, pool, head.
     * {@code transposedIn} / {@code transposedOut}: the in-projection / output projection stored [in, out].
     */
    public static NetworkSpec transformer(boolean packed, boolean transposedIn, boolean transposedOut) {
        LayerSpec.Attention attention = attention("attn", 8, 2).withTransposedWeight(transposedIn)
                .withTransposedOutProjection(transposedOut);
        if (!packed) {
            attention = attention.split();
        }
        return NetworkSpec.builder(InputSpec.tokens(5))
                .add(embedding("emb", 11, 8))
                .add(layerNorm("ln1", 8))
                .add(attention)
                .add(add("res1", "emb", "attn"))
                .add(layerNorm("ln2", 8).withBias(false))
                .add(linear("mlp1", 8, 16))
                .add(activation("gelu", "gelu"))
                .add(linear("mlp2", 16, 8))
                .add(add("res2", "res1", "mlp2"))
                .add(globalAvgPool("pool"))
                .add(linear("head", 8, 3))
                .build();
    }

    /** Sequence input flattened token-major into a linear, attention without bias, self-add, non-affine norms. */
    public static NetworkSpec sequenceFlatten() {
        return NetworkSpec.builder(InputSpec.sequence(4, 6))
                .add(new LayerSpec.Attention("attn", List.of(), Map.of(), 6, 3, false, true, false, false))
                .add(relu("act"))
                .add(add("self", "act", "attn"))
                .add(layerNorm("ln", 6).withAffine(false))
                .add(flatten("flat"))
                .add(linear("fc", 24, 3))
                .build();
    }

    public static NetworkSpec cnnNonAffine() {
        return NetworkSpec.of(InputSpec.channelsFirst(3, 6, 6),
                conv2d("c", 3, 4, 3),
                new LayerSpec.BatchNorm("bn", List.of(), Map.of(), 4, false),
                instanceNorm("in", 4, false),
                globalMaxPool("gmp"),
                batchNorm("bn1d", 4),
                linear("fc", 4, 2));
    }

    /** Every network of the corpus, by name. */
    public static Map<String, NetworkSpec> corpus() {
        Map<String, NetworkSpec> m = new LinkedHashMap<>();
        for (SizeRow row : sizesTable()) {
            m.put(row.name(), row.spec());
        }
        m.put("grouped cnn flatten", groupedCnnFlatten());
        m.put("conv3d layernorm flatten", conv1dAnd3d());
        m.put("conv1d flatten", conv1dFlatten());
        m.put("residual mlp", residualMlp());
        m.put("transformer packed", transformer(true, false, false));
        m.put("transformer split", transformer(false, false, false));
        m.put("transformer packed transposed", transformer(true, true, true));
        m.put("transformer split transposed", transformer(false, true, true));
        // mixed orientations; the first is PyTorch's ONNX layout (MatMul in-projection, Gemm transB=1 output)
        m.put("transformer packed in-proj transposed", transformer(true, true, false));
        m.put("transformer packed out-proj transposed", transformer(true, false, true));
        m.put("transformer split in-proj transposed", transformer(false, true, false));
        m.put("transformer split out-proj transposed", transformer(false, false, true));
        m.put("sequence flatten", sequenceFlatten());
        m.put("cnn non-affine", cnnNonAffine());
        return m;
    }
}
