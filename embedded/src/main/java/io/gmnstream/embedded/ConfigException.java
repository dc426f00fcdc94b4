package io.gmnstream.embedded;

/**
 * A configuration value was rejected at construction. The message names the key, the value that was
 * given and the values that are allowed, so the fix is obvious from the message alone.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, Object value, String allowed) {
        super(key + ": " + allowed + ", got " + value);
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Throws unless {@code min <= value <= max}. */
    public static int requireInRange(String key, int value, int min, int max, String meaning) {
        if (value < min || value > max) {
            throw new ConfigException(key, value, "must be between " + min + " and " + max + meaning);
        }
        return value;
    }
}
