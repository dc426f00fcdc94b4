package io.gmnstream.embedded.registry.internal;

import io.gmnstream.embedded.registry.CompatibilityLevel;

import java.util.Objects;
import java.util.Optional;

/** One durable change of the registry state, as written to (and replayed from) the schemas topic. */
public sealed interface SchemaLogRecord {

    /** Version {@code version} of {@code subject} is the schema with global id {@code id}. */
    record SchemaRegistered(String subject, int version, int id, String schema) implements SchemaLogRecord {
        public SchemaRegistered {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(schema, "schema");
        }
    }

    /** The compatibility level of a subject, or the global one when {@code subject} is empty. */
    record CompatibilitySet(Optional<String> subject, CompatibilityLevel level) implements SchemaLogRecord {
        public CompatibilitySet {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(level, "level");
        }
    }
}
