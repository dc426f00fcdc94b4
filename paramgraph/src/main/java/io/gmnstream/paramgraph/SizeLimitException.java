package io.gmnstream.paramgraph;

/** A declared size that exceeds a configured {@link GraphLimits} value; raised before allocating. */
public final class SizeLimitException extends GraphException {
    private static final long serialVersionUID = 1L;
    private final String what;
    private final long declared;
    private final long limit;

    public SizeLimitException(String what, long declared, long limit) {
        super(GraphErrorReason.TOO_LARGE,
                what + " is " + declared + ", over the limit of " + limit + "; raise the GraphLimits value or refuse this checkpoint");
        this.what = what;
        this.declared = declared;
        this.limit = limit;
    }

    public String what() {
        return what;
    }

    public long declared() {
        return declared;
    }

    public long limit() {
        return limit;
    }
}
