package io.gmnstream.operator.gmn;

/** A saved GMN whose format version this build cannot read. */
public final class UnsupportedModelVersionException extends RuntimeException {
    private final String version;

    public UnsupportedModelVersionException(String version, String message) {
        super(message);
        this.version = version;
    }

    public String version() {
        return version;
    }
}
