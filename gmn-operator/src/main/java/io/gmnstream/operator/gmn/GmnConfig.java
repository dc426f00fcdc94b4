package io.gmnstream.operator.gmn;

import java.util.Properties;

/**
 * Hyperparameters of the Graph Metanetwork. They are constructor arguments of every block (never
 * derived inside {@code initializeChildBlocks}, DJL_NOTES trap 5) and are saved next to the
 * parameters, so a loaded model rebuilds exactly the same block tree.
 *
 * @param hidden          width of node and edge states
 * @param layers          number of message-passing layers
 * @param valueFrequencies sinusoidal frequencies per edge-value feature (value and log-magnitude)
 * @param maxLayerIndex   layer indices above this share the last embedding row
 * @param maxPosition     input/output positions above this share the last embedding row
 * @param maxKernelPosition kernel coordinates above this share the last embedding row
 * @param numNodeTypes    rows of the node-type embedding (codes of docs/PARAMETER_GRAPHS.md; room for new ones)
 * @param numEdgeTypes    rows of the edge-type embedding
 * @param headHidden      width of the readout MLP
 */
public record GmnConfig(int hidden, int layers, int valueFrequencies, int maxLayerIndex, int maxPosition,
                        int maxKernelPosition, int numNodeTypes, int numEdgeTypes, int headHidden) {

    public GmnConfig {
        positive("hidden", hidden);
        positive("layers", layers);
        positive("valueFrequencies", valueFrequencies);
        positive("maxLayerIndex", maxLayerIndex);
        positive("maxPosition", maxPosition);
        positive("maxKernelPosition", maxKernelPosition);
        positive("numNodeTypes", numNodeTypes);
        positive("numEdgeTypes", numEdgeTypes);
        positive("headHidden", headHidden);
        if (hidden > 4096 || layers > 64) {
            throw new IllegalArgumentException("hidden (" + hidden + ") must be <= 4096 and layers (" + layers + ") <= 64");
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Rows of the node-position table: slot 0 is the learned "hidden" slot (position -1). */
    int positionRows() {
        return maxPosition + 2;
    }

    /** Rows of each kernel-coordinate table: slot 0 means "not a convolution" (-1). */
    int kernelRows() {
        return maxKernelPosition + 2;
    }

    int layerRows() {
        return maxLayerIndex + 1;
    }

    /** Width of the edge-value features: value, log-magnitude, and sin/cos of both. */
    int valueFeatures() {
        return 2 + 4 * valueFrequencies;
    }

    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("hidden", Integer.toString(hidden));
        p.setProperty("layers", Integer.toString(layers));
        p.setProperty("valueFrequencies", Integer.toString(valueFrequencies));
        p.setProperty("maxLayerIndex", Integer.toString(maxLayerIndex));
        p.setProperty("maxPosition", Integer.toString(maxPosition));
        p.setProperty("maxKernelPosition", Integer.toString(maxKernelPosition));
        p.setProperty("numNodeTypes", Integer.toString(numNodeTypes));
        p.setProperty("numEdgeTypes", Integer.toString(numEdgeTypes));
        p.setProperty("headHidden", Integer.toString(headHidden));
        return p;
    }

    static GmnConfig fromProperties(Properties p) {
        return new GmnConfig(integer(p, "hidden"), integer(p, "layers"), integer(p, "valueFrequencies"),
                integer(p, "maxLayerIndex"), integer(p, "maxPosition"), integer(p, "maxKernelPosition"),
                integer(p, "numNodeTypes"), integer(p, "numEdgeTypes"), integer(p, "headHidden"));
    }

    private static int integer(Properties p, String key) {
        String v = required(p, key);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hyperparameter " + key + " is not an integer: " + v, e);
        }
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("hyperparameter " + key + " is missing");
        }
        return v;
    }

    /** Builder with defaults sized for the digits zoo (small CNNs and MLPs). */
    public static final class Builder {
        private int hidden = 32;
        private int layers = 2;
        private int valueFrequencies = 6;
        private int maxLayerIndex = 16;
        private int maxPosition = 128;
        private int maxKernelPosition = 8;
        private int numNodeTypes = 32;
        private int numEdgeTypes = 32;
        private int headHidden = 64;

        public Builder hidden(int v) { hidden = v; return this; }
        public Builder layers(int v) { layers = v; return this; }
        public Builder valueFrequencies(int v) { valueFrequencies = v; return this; }
        public Builder maxLayerIndex(int v) { maxLayerIndex = v; return this; }
        public Builder maxPosition(int v) { maxPosition = v; return this; }
        public Builder maxKernelPosition(int v) { maxKernelPosition = v; return this; }
        public Builder numNodeTypes(int v) { numNodeTypes = v; return this; }
        public Builder numEdgeTypes(int v) { numEdgeTypes = v; return this; }
        public Builder headHidden(int v) { headHidden = v; return this; }

        public GmnConfig build() {
            return new GmnConfig(hidden, layers, valueFrequencies, maxLayerIndex, maxPosition, maxKernelPosition,
                    numNodeTypes, numEdgeTypes, headHidden);
        }
    }
}
