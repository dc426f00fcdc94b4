package io.gmnstream.paramgraph.onnx.internal;

import ai.onnx.proto.OnnxMl.NodeProto;

/**
 * An intermediate value of a multi-node pattern that PyTorch emits for one layer (decomposed
 * LayerNorm, GroupNorm, GELU, attention). Each holds the activation the pattern started from.
 */
public sealed interface Pattern extends Value {

    Act source();

    /** Stages of the decomposed LayerNorm: ReduceMean, Sub, Pow, ReduceMean, Add eps, Sqrt. */
    enum NormStage { MEAN, CENTERED, SQUARED, VARIANCE, VARIANCE_EPS, STD }

    record LayerNormStage(Act source, NormStage stage, long[] axes, boolean keepDims) implements Pattern {
    }

    enum NormKind { LAYER, GROUP }

    /** x normalized without scale and shift; {@code groups} for GroupNorm, {@code shape} for LayerNorm. */
    record Normalized(Act source, NormKind kind, int groups, long[] shape, NodeProto node) implements Pattern {
    }

    /** Normalized times a gamma tensor, waiting for the beta Add. */
    record Scaled(Normalized normalized, Value.Const gamma, NodeProto node) implements Pattern {
        @Override
        public Act source() {
            return normalized.source();
        }
    }

    /** GroupNorm's first Reshape of [N, C, ...] to [N, G, -1]. */
    record GroupReshaped(Act source, int groups) implements Pattern {
    }

    enum GeluStage { DIV, ERF, ERF_PLUS_ONE, PRODUCT }

    /** GELU as exported: x / sqrt(2) -> Erf -> + 1 -> x * (..) -> * 0.5. */
    record Gelu(Act source, GeluStage stage) implements Pattern {
    }

    /** One third (query 0, key 1, value 2) of a packed in-projection, through head reshapes. */
    record Projection(Act source, String projLayer, int index, int headDim) implements Pattern {
        public Projection withHeadDim(int hd) {
            return new Projection(source, projLayer, index, hd);
        }
    }

    /** Softmax(q k^T) scores of an attention, through scaling and softmax. */
    record Scores(Act source, String projLayer, int headDim) implements Pattern {
    }

    /** scores times v: the attention output before the output projection. */
    record AttentionOutput(Act source, String projLayer, int headDim) implements Pattern {
    }
}
