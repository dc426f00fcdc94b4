package io.gmnstream.paramgraph.spec;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One layer of a {@code gmn-layers/1} spec: one record per op. Every layer has a unique name and
 * the names of the layers it reads ({@code inputs}; empty means the previous layer, or the network
 * input for the first layer). Parametric layers map parameter roles to tensor names through
 * {@code params}; a role not in the map reads tensor {@code <name>.<role>}. Static factories for
 * terse construction are in {@link Layers}.
 */
public sealed interface LayerSpec {

    String name();

    /** Declared inputs; empty means "the previous layer". */
    List<String> inputs();

    /** Role to tensor-name overrides. */
    default Map<String, String> params() {
        return Map.of();
    }

    /** The op name in the JSON spec, e.g. {@code linear}, {@code max_pool}. */
    String op();

    /** Parameter roles this op may have (the ones used depend on bias/affine/packing flags). */
    default Set<String> roles() {
        return Set.of();
    }

    /** Tensor name for a role: the {@code params} override or {@code <name>.<role>}. */
    default String tensorName(String role) {
        return params().getOrDefault(role, name() + "." + role);
    }

    /** Same layer reading from other layers. */
    LayerSpec withInputs(List<String> inputs);

    Set<String> WEIGHT_BIAS = Set.of("weight", "bias");

    enum PoolKind { MAX, AVG }

    record Linear(String name, List<String> inputs, Map<String, String> params, int inFeatures, int outFeatures,
                  boolean bias, boolean transposedWeight) implements LayerSpec {
        public Linear {
            name = Checks.name(name);
            inputs = Checks.inputs(name, inputs, 0, 1);
            params = Checks.params(name, params, WEIGHT_BIAS);
            Checks.positive(name, "inFeatures", inFeatures);
            Checks.positive(name, "outFeatures", outFeatures);
        }

        @Override
        public String op() {
            return "linear";
        }

        @Override
        public Set<String> roles() {
            return WEIGHT_BIAS;
        }

        @Override
        public Linear withInputs(List<String> inputs) {
            return new Linear(name, inputs, params, inFeatures, outFeatures, bias, transposedWeight);
        }

        public Linear withParams(Map<String, String> params) {
            return new Linear(name, inputs, params, inFeatures, outFeatures, bias, transposedWeight);
        }

        public Linear withBias(boolean bias) {
            return new Linear(name, inputs, params, inFeatures, outFeatures, bias, transposedWeight);
        }

        /** Weight stored [in, out] (ONNX Gemm with transB=0, MatMul). */
        public Linear withTransposedWeight(boolean transposed) {
            return new Linear(name, inputs, params, inFeatures, outFeatures, bias, transposed);
        }
    }

    record Conv(String name, List<String> inputs, Map<String, String> params, int inChannels, int outChannels,
                List<Integer> kernel, List<Integer> stride, List<Integer> padding, List<Integer> dilation, int groups,
                boolean bias) implements LayerSpec {
        public Conv {
            name = Checks.name(name);
            inputs = Checks.inputs(name, inputs, 0, 1);
            params = Checks.params(name, params, WEIGHT_BIAS);
            Checks.positive(name, "inChannels", inChannels);
            Checks.positive(name, "outChannels", outChannels);
            if (kernel == null || kernel.isEmpty() || kernel.size() > 3) {
                throw new io.gmnstream.paramgraph.InvalidSpecException(name, "kernel", "needs 1 to 3 sizes (conv1d/2d/3d), got " + kernel);
            }
            int rank = kernel.size();
            kernel = Checks.dims(name, "kernel", kernel, rank, 1);
            stride = Checks.dims(name, "stride", stride == null ? Checks.filled(rank, 1) : stride, rank, 1);
            padding = Checks.dims(name, "padding", padding == null ? Checks.filled(rank, 0) : padding, rank, 0);
            dilation = Checks.dims(name, "dilation", dilation == null ? Checks.filled(rank, 1) : dilation, rank, 1);
            for (int k : kernel) {
                if (k > Short.MAX_VALUE) {
                    throw new io.gmnstream.paramgraph.InvalidSpecException(name, "kernel", "sizes must be at most " + Short.MAX_VALUE);
                }
            }
            Checks.positive(name, "groups", groups);
            if (inChannels % groups != 0 || outChannels % groups != 0) {
                throw new io.gmnstream.paramgraph.InvalidSpecException(name, "groups", "must divide inChannels (" + inChannels
                        + ") and outChannels (" + outChannels + "), got " + groups);
            }
        }

        @Override
        public String op() {
            return "conv";
        }

        @Override
        public Set<String> roles() {
            return WEIGHT_BIAS;
        }

        public int spatialRank() {
            return kernel.size();
        }

        @Override
        public Conv withInputs(List<String> inputs) {
            return new Conv(name, inputs, params, inChannels, outChannels, kernel, stride, padding, dilation, groups, bias);
        }

        public Conv withParams(Map<String, String> params) {
            return new Conv(name, inputs, params, inChannels, outChannels, kernel, stride, padding, dilation, groups, bias);
        }

        public Conv withBias(boolean bias) {
            return new Conv(name, inputs, params, inChannels, outChannels, kernel, stride, padding, dilation, groups, bias);
        }

        public Conv withGroups(int groups) {
            return new Conv(name, inputs, params, inChannels, outChannels, kernel, stride, padding, dilation, groups, bias);
        }

        public Conv withStride(Integer... stride) {
            return new Conv(name, inputs, params, inChannels, outChannels, kernel, List.of(stride), padding, dilation, groups, bias);
        }

        public Conv withPadding(Integer... padding) {
            return new Conv(name, inputs, params, inChannels, outChannels, kernel, stride, List.of(padding), dilation, groups, bias);
        }

        public Conv withDilation(Integer... dilation) {
            return new Conv(name, inputs, params, inChannels, outChannels, kernel, stride, padding, List.of(dilation), groups, bias);
        }
    }

    record BatchNorm(String name, List<String> inputs, Map<String, String> params, int numFeatures, boolean affine)
            implements LayerSpec {
        public BatchNorm {
            name = Checks.name(name);
            inputs = Checks.inputs(name, inputs, 0, 1);
            params = Checks.params(name, params, WEIGHT_BIAS);
            Checks.positive(name, "numFeatures", numFeatures);
        }

        @Override
        public String op() {
            return "batch_norm";
        }

        @Override
        public Set<String> roles() {
            return WEIGHT_BIAS;
        }

        @Override
        public BatchNorm withInputs(List<String> inputs) {
            return new BatchNorm(name, inputs, params, numFeatures, affine);
        }

        public BatchNorm withParams(Map<String, String> params) {
            return new BatchNorm(name, inputs, params, numFeatures, affine);
        }
    }

    record LayerNorm(String name, List<String> inputs, Map<String, String> params, List<Integer> normalizedShape,
                     boolean affine, boolean bias) implements LayerSpec {
        public LayerNorm {
            name = Checks.name(name);
            inputs = Checks.inputs(name, inputs, 0, 1);
            params = Checks.params(name, params, WEIGHT_BIAS);
            if (normalizedShape == null || normalizedShape.isEmpty() || normalizedShape.size() > 4) {
                throw new io.gmnstream.paramgraph.InvalidSpecException(name, "normalizedShape", "needs 1 to 4 sizes, got " + normalizedShape);
            }
            normalizedShape = Checks.dims(name, "normalizedShape", normalizedShape, normalizedShape.size(), 1);
        }

        @Override
        public String op() {
            return "layer_norm";
        }

        @Override
        public Set<String> roles() {
            return WEIGHT_BIAS;
        }

        @Override
        public LayerNorm withInputs(List<String> inputs) {
            return new LayerNorm(name, inputs, params, normalizedShape, affine, bias);
        }

        public LayerNorm withParams(Map<String, String> params) {
            return new LayerNorm(name, inputs, params, normalizedShape, affine, bias);
        }

        public LayerNorm withBias(boolean bias) {
            return new LayerNorm(name, inputs, params, normalizedShape, affine, bias);
        }

        public LayerNorm withAffine(boolean affine) {
            return new LayerNorm(name, inputs, params, normalizedShape, affine, bias);
        }
    }

    record GroupNorm(String name, List<String> inputs, Map<String, String> params, int numGroups, int numChannels,
                     boolean affine) implements LayerSpec {
        public GroupNorm {
            name = Checks.name(name);
            inputs = Checks.inputs(name, inputs, 0, 1);
            params = Checks.params(name, params, WEIGHT_BIAS);
            Checks.positive(name, "numGroups", numGroups);
            Checks.positive(name, "numChannels", numChannels);
            if (numChannels % numGroups != 0) {
                throw new io.gmnstream.paramgraph.InvalidSpecException(name, "numGroups", "must divide numChannels ("
                        + numChannels + "), got " + numGroups);
            }
        }

        @Override
        public String op() {
            return "group_norm";
        }

        @Override
        public Set<String> roles() {
            return WEIGHT_BIAS;
        }

        @Override
        public GroupNorm withInputs(List<String> inputs) {
            return new GroupNorm(name, inputs, params, numGroups, numChannels, affine);
        }

        public GroupNorm withParams(Map<String, String> params) {
            return new GroupNorm(name, inputs, params, numGroups, numChannels, affine);
        }
    }

    record InstanceNorm(String name, List<String> inputs, Map<String, String> params, int numFeatures, boolean affine)
            implements LayerSpec {
        public InstanceNorm {
            name = Checks.name(name);
            inputs = Checks.inputs(name, inputs, 0, 1);
            params = Checks.params(name, params, WEIGHT_BIAS);
            Checks.positive(name, "numFeatures", numFeatures);
        }

        @Override
        public String op() {
            return "instance_norm";
        }

        @Override
        public Set<String> roles() {
            return WEIGHT_BIAS;
        }

        @Override
        public InstanceNorm withInputs(List<String> inputs) {
            return new InstanceNorm(name, inputs, params, numFeatures, affine);
        }

        public InstanceNorm withParams(Map<String, String> params) {
            return new InstanceNorm(name, inputs, params, numFeatures, affine);
        }
    }

    /**
     * Multi-head self-attention (query = key = value = the input). The two projections have their
     * own orientation flags because exporters mix them: PyTorch's ONNX export stores the packed
     * in-projection [d, 3d] (read by a MatMul) but the output projection [out, in] (Gemm transB=1).
     *
     * @param transposedWeight        the Q/K/V in-projection weights are stored [in, out]
     * @param transposedOutProjection out_proj.weight is stored [in, out] (default [out, in])
     */
    record Attention(String name, List<String> inputs, Map<String, String> params, int embedDim, int numHeads,
                     boolean bias, boolean packedProjection, boolean transposedWeight, boolean transposedOutProjection)
            implements LayerSpec {
        public static final String IN_PROJ_WEIGHT = "in_proj_weight";
        public static final String IN_PROJ_BIAS = "in_proj_bias";
        public static final List<String> SPLIT_WEIGHTS = List.of("q_proj_weight", "k_proj_weight", "v_proj_weight");
        public static final List<String> SPLIT_BIASES = List.of("q_proj_bias", "k_proj_bias", "v_proj_bias");
        public static final String OUT_WEIGHT = "out_proj.weight";
        public static final String OUT_BIAS = "out_proj.bias";
        public static final Set<String> ROLES = Set.of(IN_PROJ_WEIGHT, IN_PROJ_BIAS, "q_proj_weight", "k_proj_weight",
                "v_proj_weight", "q_proj_bias", "k_proj_bias", "v_proj_bias", OUT_WEIGHT, OUT_BIAS);

        public Attention {
            name = Checks.name(name);
            inputs = Checks.inputs(name, inputs, 0, 1);
            params = Checks.params(name, params, ROLES);
            Checks.positive(name, "embedDim", embedDim);
            Checks.positive(name, "numHeads", numHeads);
            if (embedDim % numHeads != 0) {
                throw new io.gmnstream.paramgraph.InvalidSpecException(name, "numHeads", "must divide embedDim ("
                        + embedDim + "), got " + numHeads);
            }
        }

        @Override
        public String op() {
            return "attention";
        }

        @Override
        public Set<String> roles() {
            return ROLES;
        }

        public int headDim() {
            return embedDim / numHeads;
        }

        @Override
        public Attention withInputs(List<String> inputs) {
            return new Attention(name, inputs, params, embedDim, numHeads, bias, packedProjection, transposedWeight,
                    transposedOutProjection);
        }

        public Attention withParams(Map<String, String> params) {
            return new Attention(name, inputs, params, embedDim, numHeads, bias, packedProjection, transposedWeight,
                    transposedOutProjection);
        }

        public Attention withBias(boolean bias) {
            return new Attention(name, inputs, params, embedDim, numHeads, bias, packedProjection, transposedWeight,
                    transposedOutProjection);
        }

        /** Separate q/k/v projection tensors instead of one packed in_proj tensor. */
        public Attention split() {
            return new Attention(name, inputs, params, embedDim, numHeads, bias, false, transposedWeight,
                    transposedOutProjection);
        }

        /** Q/K/V in-projection weights stored [in, out] (packed: [d, 3d]); the output projection is unaffected. */
        public Attention withTransposedWeight(boolean transposed) {
            return new Attention(name, inputs, params, embedDim, numHeads, bias, packedProjection, transposed,
                    transposedOutProjection);
        }

        /** out_proj.weight stored [in, out]; the in-projection is unaffected. */
        public Attention withTransposedOutProjection(boolean transposed) {
            return new Attention(name, inputs, params, embedDim, numHeads, bias, packedProjection, transposedWeight,
                    transposed);
        }
    }

    record Embedding(String name, List<String> inputs, Map<String, String> params, int numEmbeddings, int embeddingDim)
            implements LayerSpec {
        public Embedding {
            name = Checks.name(name);
            inputs = Checks.inputs(name, inputs, 0, 1);
            params = Checks.params(name, params, Set.of("weight"));
            Checks.positive(name, "numEmbeddings", numEmbeddings);
            Checks.positive(name, "embeddingDim", embeddingDim);
        }

        @Override
        public String op() {
            return "embedding";
        }

        @Override
        public Set<String> roles() {
            return Set.of("weight");
        }

        @Override
        public Embedding withInputs(List<String> inputs) {
            return new Embedding(name, inputs, params, numEmbeddings, embeddingDim);
        }

        public Embedding withParams(Map<String, String> params) {
            return new Embedding(name, inputs, params, numEmbeddings, embeddingDim);
        }
    }

    /** Residual sum of exactly two inputs. */
    record Add(String name, List<String> inputs) implements LayerSpec {
        public Add {
            name = Checks.name(name);
            inputs = Checks.inputs(name, inputs, 2, 2);
        }

        @Override
        public String op() {
            return "add";
        }

        @Override
        public Add withInputs(List<String> inputs) {
            return new Add(name, inputs);
        }
    }

    record Activation(String name, List<String> inputs, String fn) implements LayerSpec {
        public Activation {
            name = Checks.name(name);
            inputs = Checks.inputs(name, inputs, 0, 1);
            if (fn == null || fn.isBlank()) {
                throw new io.gmnstream.paramgraph.InvalidSpecException(name, "fn", "activation needs a function name, e.g. relu");
            }
        }

        @Override
        public String op() {
            return "activation";
        }

        @Override
        public Activation withInputs(List<String> inputs) {
            return new Activation(name, inputs, fn);
        }
    }

    /** Max or average pooling over a window; stride defaults to the kernel. */
    record Pool(String name, List<String> inputs, PoolKind kind, List<Integer> kernel, List<Integer> stride,
                List<Integer> padding) implements LayerSpec {
        public Pool {
            name = Checks.name(name);
            inputs = Checks.inputs(name, inputs, 0, 1);
            if (kind == null) {
                throw new io.gmnstream.paramgraph.InvalidSpecException(name, "op", "pool kind must be max or avg");
            }
            if (kernel == null || kernel.isEmpty() || kernel.size() > 3) {
                throw new io.gmnstream.paramgraph.InvalidSpecException(name, "kernel", "needs 1 to 3 sizes, got " + kernel);
            }
            int rank = kernel.size();
            kernel = Checks.dims(name, "kernel", kernel, rank, 1);
            stride = Checks.dims(name, "stride", stride == null ? kernel : stride, rank, 1);
            padding = Checks.dims(name, "padding", padding == null ? Checks.filled(rank, 0) : padding, rank, 0);
        }

        @Override
        public String op() {
            return kind == PoolKind.MAX ? "max_pool" : "avg_pool";
        }

        @Override
        public Pool withInputs(List<String> inputs) {
            return new Pool(name, inputs, kind, kernel, stride, padding);
        }
    }

    record GlobalPool(String name, List<String> inputs, PoolKind kind) implements LayerSpec {
        public GlobalPool {
            name = Checks.name(name);
            inputs = Checks.inputs(name, inputs, 0, 1);
            if (kind == null) {
                throw new io.gmnstream.paramgraph.InvalidSpecException(name, "op", "global pool kind must be max or avg");
            }
        }

        @Override
        public String op() {
            return kind == PoolKind.MAX ? "global_max_pool" : "global_avg_pool";
        }

        @Override
        public GlobalPool withInputs(List<String> inputs) {
            return new GlobalPool(name, inputs, kind);
        }
    }

    record Flatten(String name, List<String> inputs) implements LayerSpec {
        public Flatten {
            name = Checks.name(name);
            inputs = Checks.inputs(name, inputs, 0, 1);
        }

        @Override
        public String op() {
            return "flatten";
        }

        @Override
        public Flatten withInputs(List<String> inputs) {
            return new Flatten(name, inputs);
        }
    }

    record Dropout(String name, List<String> inputs) implements LayerSpec {
        public Dropout {
            name = Checks.name(name);
            inputs = Checks.inputs(name, inputs, 0, 1);
        }

        @Override
        public String op() {
            return "dropout";
        }

        @Override
        public Dropout withInputs(List<String> inputs) {
            return new Dropout(name, inputs);
        }
    }

    record Identity(String name, List<String> inputs) implements LayerSpec {
        public Identity {
            name = Checks.name(name);
            inputs = Checks.inputs(name, inputs, 0, 1);
        }

        @Override
        public String op() {
            return "identity";
        }

        @Override
        public Identity withInputs(List<String> inputs) {
            return new Identity(name, inputs);
        }
    }
}
