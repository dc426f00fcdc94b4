package io.gmnstream.paramgraph;

import java.util.Locale;

/** A declared size that exceeds a configured {@link GraphLimits} value; raised before allocating. */
public final class SizeLimitException extends GraphException {
    private static final long serialVersionUID = 1L;
    private final String what;
    private final long declared;
    private final long limit;

    public SizeLimitException(String what, long declared, long limit) {
        super(GraphErrorReason.TOO_LARGE, String.format(Locale.ROOT,
                "%s is %,d, over the limit of %,d; the input is refused (raise the limit in the configuration to accept it)",
                what, declared, limit));
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
