package io.gmnstream.schemas.wire;

import io.gmnstream.schemas.avro.DeadLetterReason;

/** Fewer bytes than the 5-byte wire header: not written by a Confluent-format serializer. */
public final class RecordTooShortException extends WireFormatException {

  private final int length;

  public RecordTooShortException(int length) {
    super(DeadLetterReason.CORRUPT_RECORD, "Record of " + length + " bytes is shorter than the "
        + WireFormat.HEADER_SIZE + "-byte wire header (magic byte 0 + 4-byte schema id); it was "
        + "not written by an Avro wire-format serializer", null);
    this.length = length;
  }

  public int length() {
    return length;
  }
}
