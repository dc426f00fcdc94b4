package io.gmnstream.embedded.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Schema evolution rules, with the names and meaning of the Confluent Schema Registry.
 * BACKWARD: a reader with the new schema reads data written with the old one. FORWARD: the other way.
 * FULL: both. The TRANSITIVE variants check against every earlier version, the others against the latest.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /** The new schema must be able to read data written with the old one. */
    public boolean newReadsOld() {
        return newReadsOld;
    }

    /** The old schema must be able to read data written with the new one. */
    public boolean oldReadsNew() {
        return oldReadsNew;
    }

    /** Checked against every earlier version rather than the latest only. */
    public boolean transitive() {
        return transitive;
    }

    /** Parses a level name, ignoring case; empty for anything else. */
    public static Optional<CompatibilityLevel> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String upper = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(level -> level.name().equals(upper)).findFirst();
    }

    /** The allowed names, for error messages. */
    public static String allowedValues() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
