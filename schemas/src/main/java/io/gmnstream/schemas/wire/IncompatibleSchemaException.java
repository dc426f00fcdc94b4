package io.gmnstream.schemas.wire;

import io.gmnstream.schemas.avro.DeadLetterReason;

/**
 * The record's writer schema cannot be resolved to the reader's schema (e.g. another record type
 * on the topic, or a non-BACKWARD change that slipped past the build check).
 */
public final class IncompatibleSchemaException extends WireFormatException {

  private final int schemaId;

  public IncompatibleSchemaException(int schemaId, String topic, String readerName,
      String detail) {
    super(DeadLetterReason.OTHER, "Record of topic '" + topic + "' was written with schema id "
        + schemaId + ", which " + readerName + " cannot read: " + detail
        + "; schemas must evolve BACKWARD-compatibly (schemas/README.md)", null);
    this.schemaId = schemaId;
  }

  public int schemaId() {
    return schemaId;
  }
}
