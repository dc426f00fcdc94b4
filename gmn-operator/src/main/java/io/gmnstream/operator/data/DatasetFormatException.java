package io.gmnstream.operator.data;

/** A dataset file is missing, truncated or not in the expected format; the message names the file. */
public final class DatasetFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatasetFormatException(String source, String problem) {
        super(source + ": " + problem);
    }

    public DatasetFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
