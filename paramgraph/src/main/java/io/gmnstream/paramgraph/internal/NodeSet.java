package io.gmnstream.paramgraph.internal;

import io.gmnstream.paramgraph.InvalidSpecException;
import io.gmnstream.paramgraph.NodeRange;
import io.gmnstream.paramgraph.PositionGrid;
import java.util.Arrays;

/**
 * The nodes a layer passes on, with the shape of the activation they stand for: what the next
 * layer needs to check its widths and to place its edges.
 *
 * @param layer   layer index of the nodes (used for residual edges)
 * @param spatial spatial dims of a (flattened) map, empty otherwise
 * @param seqLen  tokens of a (flattened) sequence or token input, 0 otherwise
 */
public record NodeSet(NodeRange nodes, int layer, Kind kind, int[] spatial, int seqLen) {

    public enum Kind {
        /** n features: n nodes. */
        VECTOR,
        /** C x spatial: C channel nodes. */
        MAP,
        /** T x d: d nodes shared by the tokens. */
        SEQUENCE,
        /** a map after flatten: C nodes standing for C * prod(spatial) features, channel-major. */
        FLAT_MAP,
        /** a sequence after flatten: d nodes standing for T * d features, token-major. */
        FLAT_SEQUENCE,
        /** token ids: no nodes. */
        TOKENS
    }

    public NodeSet {
        spatial = spatial.clone();
    }

    public static NodeSet vector(NodeRange nodes, int layer) {
        return new NodeSet(nodes, layer, Kind.VECTOR, new int[0], 0);
    }

    public static NodeSet map(NodeRange nodes, int layer, int[] spatial) {
        return new NodeSet(nodes, layer, Kind.MAP, spatial, 0);
    }

    public static NodeSet sequence(NodeRange nodes, int layer, int seqLen) {
        return new NodeSet(nodes, layer, Kind.SEQUENCE, new int[0], seqLen);
    }

    public int count() {
        return nodes.count();
    }

    public int start() {
        return nodes.start();
    }

    @Override
    public int[] spatial() {
        return spatial.clone();
    }

    public int spatialSize() {
        int n = 1;
        for (int d : spatial) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public PositionGrid spatialGrid() {
        return PositionGrid.of(spatial);
    }

    public NodeSet withKind(Kind kind) {
        return new NodeSet(nodes, layer, kind, spatial, seqLen);
    }

    public NodeSet withSpatial(int[] newSpatial) {
        return new NodeSet(nodes, layer, kind, newSpatial, seqLen);
    }

    /** Same activation shape (kind, width, spatial size, tokens), as an add requires. */
    public boolean sameShape(NodeSet o) {
        return kind == o.kind && count() == o.count() && Arrays.equals(spatial, o.spatial) && seqLen == o.seqLen;
    }

    /** Features a linear layer sees; refuses activations a linear layer cannot read directly. */
    public long linearWidth(String layerName) {
        return switch (kind) {
            case VECTOR, SEQUENCE -> count();
            case FLAT_MAP -> (long) count() * spatialSize();
            case FLAT_SEQUENCE -> (long) count() * seqLen;
            case MAP -> throw new InvalidSpecException(layerName, "inputs", "a linear layer cannot read the " + describe()
                    + " directly; insert a flatten or a global pool before it");
            case TOKENS -> throw new InvalidSpecException(layerName, "inputs", "a linear layer cannot read token ids; insert an embedding");
        };
    }

    /** Human-readable shape for error messages, e.g. "channel map [8 x 4 x 4]". */
    public String describe() {
        return switch (kind) {
            case VECTOR -> "vector of " + count();
            case MAP -> "channel map [" + count() + dimsText() + "]";
            case SEQUENCE -> "sequence [" + seqLen + " x " + count() + "]";
            case FLAT_MAP -> "flattened channel map [" + count() + dimsText() + "]";
            case FLAT_SEQUENCE -> "flattened sequence [" + seqLen + " x " + count() + "]";
            case TOKENS -> "token ids [" + seqLen + "]";
        };
    }

    private String dimsText() {
        StringBuilder b = new StringBuilder();
        for (int d : spatial) {
            b.append(" x ").append(d);
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeSet s && nodes.equals(s.nodes) && layer == s.layer && sameShape(s);
    }

    @Override
    public int hashCode() {
        return nodes.hashCode() * 31 + kind.hashCode();
    }

    @Override
    public String toString() {
        return "NodeSet[" + describe() + " at " + nodes + ", layer " + layer + "]";
    }
}
