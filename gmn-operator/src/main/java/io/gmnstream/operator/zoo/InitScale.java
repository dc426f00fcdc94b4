package io.gmnstream.operator.zoo;

import ai.djl.ndarray.NDArray;
import io.gmnstream.operator.train.BoundParameter;
import io.gmnstream.operator.train.DenseNetwork;
import io.gmnstream.paramgraph.spec.LayerSpec;
import java.util.HashSet;
import java.util.Set;

/**
 * Multiplies the freshly initialised weight matrices (linear, conv, attention projections) by the
 * run's init scale (biases and norm parameters keep their defaults). Done once, before training and outside any gradient collector,
 * so the in-place scalar op never enters an autograd graph (DJL_NOTES trap 1 does not apply).
 */
final class InitScale {
    private InitScale() {
    }

    static void apply(DenseNetwork network, float scale) {
        if (scale == 1f) {
            return;
        }
        Set<String> weights = new HashSet<>();
        for (LayerSpec layer : network.spec().layers()) {
            if (layer instanceof LayerSpec.Linear || layer instanceof LayerSpec.Conv) {
                weights.add(layer.tensorName("weight"));
            } else if (layer instanceof LayerSpec.Attention) {
                weights.add(layer.tensorName(LayerSpec.Attention.IN_PROJ_WEIGHT));
                weights.add(layer.tensorName(LayerSpec.Attention.OUT_WEIGHT));
            }
        }
        for (BoundParameter p : network.parameters()) {
            if (weights.contains(p.tensorName())) {
                NDArray weight = p.parameter().getArray();
                weight.muli(scale);
            }
        }
    }
}
