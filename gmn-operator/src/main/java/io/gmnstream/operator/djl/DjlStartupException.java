package io.gmnstream.operator.djl;

/** The DJL engine could not start; the message says what to do. */
public final class DjlStartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DjlStartupException(String message) {
        super(message);
    }

    public DjlStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
