package io.gmnstream.operator.train;

import ai.djl.nn.Parameter;
import io.gmnstream.paramgraph.spec.LayerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Which DJL parameter of a layer's block is which spec tensor: Linear and conv weight/bias keep
 * their names, norms' gamma/beta are the spec's weight/bias, attention parameters are named by
 * their spec roles already. Only trainable parameters are bound: BatchNorm running statistics are
 * buffers, not edges of the parameter graph, so they are neither exported nor counted (a
 * checkpoint of a BatchNorm net holds its learnable parameters only).
 */
final class ParameterRoles {
    private static final String[][] WEIGHT_BIAS = {{"weight", "weight"}, {"bias", "bias"}};
    private static final String[][] GAMMA_BETA = {{"gamma", "weight"}, {"beta", "bias"}};
    private static final String[][] ATTENTION = {
        {LayerSpec.Attention.IN_PROJ_WEIGHT, LayerSpec.Attention.IN_PROJ_WEIGHT},
        {LayerSpec.Attention.IN_PROJ_BIAS, LayerSpec.Attention.IN_PROJ_BIAS},
        {LayerSpec.Attention.OUT_WEIGHT, LayerSpec.Attention.OUT_WEIGHT},
        {LayerSpec.Attention.OUT_BIAS, LayerSpec.Attention.OUT_BIAS}};

    private ParameterRoles() {
    }

    /** The trainable parameters of every bound layer, in spec order, each with its spec tensor name. */
    static List<BoundParameter> bind(List<NetworkFactory.BlockBinding> bindings) {
        List<BoundParameter> out = new ArrayList<>();
        for (NetworkFactory.BlockBinding binding : bindings) {
            LayerSpec layer = binding.layer();
            for (String[] role : roles(layer)) {
                Parameter p = binding.block().getParameters().get(role[0]);
                // Absent when bias is off; present but frozen for a non-affine norm (DJL keeps gamma/beta).
                if (p != null && p.requiresGradient()) {
                    out.add(new BoundParameter(layer.tensorName(role[1]), p));
                }
            }
        }
        return List.copyOf(out);
    }

    private static String[][] roles(LayerSpec layer) {
        if (layer instanceof LayerSpec.Linear || layer instanceof LayerSpec.Conv) {
            return WEIGHT_BIAS;
        }
        if (layer instanceof LayerSpec.LayerNorm || layer instanceof LayerSpec.BatchNorm || layer instanceof LayerSpec.GroupNorm) {
            return GAMMA_BETA;
        }
        if (layer instanceof LayerSpec.Attention) {
            return ATTENTION;
        }
        return new String[0][];
    }
}
