package io.gmnstream.operator.zoo;

import ai.djl.ndarray.NDArray;
import io.gmnstream.operator.train.BoundParameter;
import io.gmnstream.operator.train.DenseNetwork;
import io.gmnstream.paramgraph.spec.LayerSpec;
import java.util.HashSet;
import java.util.Set;

/**
 * Multiplies the freshly initialised linear weights by the run's init scale (biases and norm
 * parameters keep their defaults). Done once, before training and outside any gradient collector,
 * so the in-place scalar op never enters an autograd graph (DJL_NOTES trap 1 does not apply).
 */
final class InitScale {
    private InitScale() {
    }

    static void apply(DenseNetwork network, float scale) {
        if (scale == 1f) {
            return;
        }
        Set<String> linearWeights = new HashSet<>();
        for (LayerSpec layer : network.spec().layers()) {
            if (layer instanceof LayerSpec.Linear) {
                linearWeights.add(layer.tensorName("weight"));
            }
        }
        for (BoundParameter p : network.parameters()) {
            if (linearWeights.contains(p.tensorName())) {
                NDArray weight = p.parameter().getArray();
                weight.muli(scale);
            }
        }
    }
}
