package io.gmnstream.schemas.wire;

import io.gmnstream.schemas.avro.DeadLetterReason;

/** The first byte is not the wire format's magic byte 0. */
public final class BadMagicByteException extends WireFormatException {

  private final byte found;

  public BadMagicByteException(byte found) {
    super(DeadLetterReason.BAD_MAGIC_BYTE, String.format("Bad magic byte 0x%02x (expected 0x00): "
        + "the record was not written in the Confluent wire format; check the producer's "
        + "value.serializer", found), null);
    this.found = found;
  }

  /** The byte found where the magic byte should be. */
  public byte found() {
    return found;
  }
}
