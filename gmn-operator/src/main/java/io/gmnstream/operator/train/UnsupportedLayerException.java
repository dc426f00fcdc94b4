package io.gmnstream.operator.train;

/** A spec uses something the dense trainer cannot build; the message names the layer and what is allowed. */
public final class UnsupportedLayerException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnsupportedLayerException(String layer, String problem) {
        super((layer == null ? "network" : "layer '" + layer + "'") + ": " + problem);
    }
}
