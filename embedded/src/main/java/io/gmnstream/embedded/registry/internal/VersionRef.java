package io.gmnstream.embedded.registry.internal;

/** A version in a request path: a positive number, or "latest" (also written -1). */
public record VersionRef(int number) {
    public static final VersionRef LATEST = new VersionRef(-1);

    public boolean isLatest() {
        return number == -1;
    }

    /** Parses a path segment or throws a 42202 {@link RegistryException}. */
    public static VersionRef parse(String text) {
        if ("latest".equals(text)) {
            return LATEST;
        }
        try {
            int number = Integer.parseInt(text);
            if (number == -1 || number >= 1) {
                return new VersionRef(number);
            }
        } catch (NumberFormatException e) {
            throw RegistryException.invalidVersion(text);
        }
        throw RegistryException.invalidVersion(text);
    }
}
