package io.gmnstream.schemas.wire;

import io.gmnstream.schemas.avro.DeadLetterReason;

/** The record's schema id is not in the schema registry. */
public final class UnknownSchemaIdException extends WireFormatException {

  private final int schemaId;

  public UnknownSchemaIdException(int schemaId, String topic, Throwable cause) {
    super(DeadLetterReason.UNKNOWN_SCHEMA_ID, "Unknown schema id " + schemaId + " in a record of "
        + "topic '" + topic + "': the registry has no such schema; check the consumer and the "
        + "producer use the same schema registry", cause);
    this.schemaId = schemaId;
  }

  public int schemaId() {
    return schemaId;
  }
}
