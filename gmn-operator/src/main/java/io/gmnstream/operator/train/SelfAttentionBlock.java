package io.gmnstream.operator.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.gmnstream.paramgraph.spec.LayerSpec;

/**
 * Multi-head self-attention over [batch, tokens, d], with the parameters and semantics of PyTorch's
 * {@code nn.MultiheadAttention} (packed projection, no dropout, no mask): {@code in_proj_weight}
 * [3d, d] (rows q, then k, then v), {@code in_proj_bias} [3d], {@code out_proj.weight} [d, d]
 * ([out, in]) and {@code out_proj.bias} [d]. Parameters are named by their spec roles, so the
 * export needs no mapping and the spec is the default packed, untransposed {@code attention}.
 */
final class SelfAttentionBlock extends AbstractBlock {
    private final int embedDim;
    private final int heads;
    private final Parameter inWeight;
    private final Parameter inBias;
    private final Parameter outWeight;
    private final Parameter outBias;

    SelfAttentionBlock(int embedDim, int heads, boolean bias) {
        this.embedDim = embedDim;
        this.heads = heads;
        inWeight = addParameter(Parameter.builder().setName(LayerSpec.Attention.IN_PROJ_WEIGHT)
                .setType(Parameter.Type.WEIGHT).optShape(new Shape(3L * embedDim, embedDim)).build());
        outWeight = addParameter(Parameter.builder().setName(LayerSpec.Attention.OUT_WEIGHT)
                .setType(Parameter.Type.WEIGHT).optShape(new Shape(embedDim, embedDim)).build());
        inBias = bias ? addParameter(Parameter.builder().setName(LayerSpec.Attention.IN_PROJ_BIAS)
                .setType(Parameter.Type.BIAS).optInitializer(Initializer.ZEROS).optShape(new Shape(3L * embedDim)).build()) : null;
        outBias = bias ? addParameter(Parameter.builder().setName(LayerSpec.Attention.OUT_BIAS)
                .setType(Parameter.Type.BIAS).optInitializer(Initializer.ZEROS).optShape(new Shape(embedDim)).build()) : null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Device device = x.getDevice();
        long batch = x.getShape().get(0);
        long tokens = x.getShape().get(1);
        NDList qkv = project(x, store.getValue(inWeight, device, training),
                inBias == null ? null : store.getValue(inBias, device, training)).split(3, 2);
        NDArray q = splitHeads(qkv.get(0), batch, tokens);
        NDArray k = splitHeads(qkv.get(1), batch, tokens);
        NDArray v = splitHeads(qkv.get(2), batch, tokens);
        // 1/sqrt(head dim) as an array in the batch's manager, open until after backward: a Java
        // scalar here would be freed while autograd still needs it (DJL_NOTES trap 1).
        NDArray scale = x.getManager().full(new Shape(), (float) (1 / Math.sqrt(embedDim / (double) heads)));
        NDArray weights = q.matMul(k.transpose(0, 1, 3, 2)).mul(scale).softmax(3);
        NDArray context = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, tokens, embedDim);
        return new NDList(project(context, store.getValue(outWeight, device, training),
                outBias == null ? null : store.getValue(outBias, device, training)));
    }

    private static NDArray project(NDArray x, NDArray weight, NDArray bias) {
        return (bias == null ? Linear.linear(x, weight) : Linear.linear(x, weight, bias)).singletonOrThrow();
    }

    /** [B, T, d] to [B, heads, T, d / heads]. */
    private NDArray splitHeads(NDArray x, long batch, long tokens) {
        return x.reshape(batch, tokens, heads, embedDim / heads).transpose(0, 2, 1, 3);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
