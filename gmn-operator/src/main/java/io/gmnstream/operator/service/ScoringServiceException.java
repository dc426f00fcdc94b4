package io.gmnstream.operator.service;

/** The scoring service cannot start; the message says what to fix. */
public final class ScoringServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScoringServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
