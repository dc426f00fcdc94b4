package io.gmnstream.operator.zoo;

import io.gmnstream.paramgraph.spec.InputSpec;
import io.gmnstream.paramgraph.spec.Layers;
import io.gmnstream.paramgraph.spec.NetworkSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A sampled architecture: family, depth (hidden layers or residual blocks), width, activation and
 * whether dropout layers are present. Builds the {@code gmn-layers/1} spec the trainer runs and the
 * parameter graph is built from, so both always describe the same network.
 */
public record Architecture(Family family, int depth, int width, String activation, boolean dropout) {
    public Architecture {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(activation, "activation");
        if (depth < 1 || width < 1) {
            throw new IllegalArgumentException("architecture: depth and width must be positive, got " + depth + ", " + width);
        }
    }

    public NetworkSpec spec(int inputs, int classes) {
        return switch (family) {
            case MLP -> mlp(inputs, classes);
            case RESIDUAL_MLP -> residualMlp(inputs, classes);
        };
    }

    private NetworkSpec mlp(int inputs, int classes) {
        NetworkSpec.Builder b = NetworkSpec.builder(InputSpec.features(inputs));
        int in = inputs;
        for (int i = 1; i <= depth; i++) {
            b.add(Layers.linear("fc" + i, in, width));
            b.add(Layers.activation("act" + i, activation));
            if (dropout) {
                b.add(Layers.dropout("drop" + i));
            }
            in = width;
        }
        return b.add(Layers.linear("out", in, classes)).build();
    }

    private NetworkSpec residualMlp(int inputs, int classes) {
        NetworkSpec.Builder b = NetworkSpec.builder(InputSpec.features(inputs));
        b.add(Layers.linear("proj", inputs, width));
        b.add(Layers.activation("proj_act", activation));
        String stream = "proj_act";
        for (int i = 1; i <= depth; i++) {
            // Pre-norm block: the residual stream itself is never normalised, the branch is.
            b.add(Layers.layerNorm("block" + i + "_norm", width), stream);
            b.add(Layers.linear("block" + i + "_fc", width, width));
            b.add(Layers.activation("block" + i + "_act", activation));
            String branch = "block" + i + "_act";
            if (dropout) {
                b.add(Layers.dropout("block" + i + "_drop"));
                branch = "block" + i + "_drop";
            }
            b.add(Layers.add("block" + i + "_add", stream, branch));
            stream = "block" + i + "_add";
        }
        return b.add(Layers.linear("out", width, classes), stream).build();
    }

    /** Architecture entries of a manifest's hyperparameters. */
    Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("family", family.wireName());
        m.put(family == Family.MLP ? "hidden_layers" : "residual_blocks", Integer.toString(depth));
        m.put("depth", Integer.toString(depth));
        m.put("width", Integer.toString(width));
        m.put("activation", activation);
        return m;
    }
}
