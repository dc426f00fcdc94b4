package io.gmnstream.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * A schema as registered under a subject.
 *
 * @param subject the subject, e.g. {@code gmn.checkpoints-value}
 * @param version the version within the subject (1, 2, ...)
 * @param id the registry-wide schema id written into every record's wire header
 * @param schema the schema
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {
  public RegisteredSchema {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
  }
}
