package io.gmnstream.schemas.wire;

import io.gmnstream.schemas.avro.DeadLetterReason;

/** The header is fine but the Avro body does not decode with the schema it names. */
public final class CorruptPayloadException extends WireFormatException {

  private final int schemaId;

  public CorruptPayloadException(int schemaId, String topic, String detail, Throwable cause) {
    super(DeadLetterReason.CORRUPT_RECORD, "Corrupt Avro payload in a record of topic '" + topic
        + "' (schema id " + schemaId + "): " + detail, cause);
    this.schemaId = schemaId;
  }

  public int schemaId() {
    return schemaId;
  }
}
