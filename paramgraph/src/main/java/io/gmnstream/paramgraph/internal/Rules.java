package io.gmnstream.paramgraph.internal;

import io.gmnstream.paramgraph.spec.LayerSpec;
import java.util.List;

/** Picks the rule of a layer's op family. */
final class Rules {
    private static final LinearRule LINEAR = new LinearRule();
    private static final ConvRule CONV = new ConvRule();
    private static final NormRule NORM = new NormRule();
    private static final AttentionRule ATTENTION = new AttentionRule();
    private static final EmbeddingRule EMBEDDING = new EmbeddingRule();
    private static final AddRule ADD = new AddRule();
    private static final ParameterFreeRule PARAMETER_FREE = new ParameterFreeRule();

    private Rules() {
    }

    static LayerResult plan(LayerSpec layer, List<NodeSet> inputs, Planner planner) {
        if (layer instanceof LayerSpec.Linear l) {
            return LINEAR.plan(l, inputs, planner);
        }
        if (layer instanceof LayerSpec.Conv c) {
            return CONV.plan(c, inputs, planner);
        }
        if (layer instanceof LayerSpec.BatchNorm || layer instanceof LayerSpec.LayerNorm
                || layer instanceof LayerSpec.GroupNorm || layer instanceof LayerSpec.InstanceNorm) {
            return NORM.plan(layer, inputs, planner);
        }
        if (layer instanceof LayerSpec.Attention a) {
            return ATTENTION.plan(a, inputs, planner);
        }
        if (layer instanceof LayerSpec.Embedding e) {
            return EMBEDDING.plan(e, inputs, planner);
        }
        if (layer instanceof LayerSpec.Add a) {
            return ADD.plan(a, inputs, planner);
        }
        return PARAMETER_FREE.plan(layer, inputs, planner);
    }
}
