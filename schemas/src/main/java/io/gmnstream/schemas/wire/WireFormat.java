package io.gmnstream.schemas.wire;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: magic byte 0, the writer schema's registry id as a 4-byte big-endian
 * int, then the Avro binary encoding of the value.
 */
public final class WireFormat {

  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  /** The 5 header bytes for a schema id. */
  public static byte[] header(int schemaId) {
    return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
  }

  /** Header followed by the given Avro body. */
  public static byte[] frame(int schemaId, byte[] avroPayload) {
    return ByteBuffer.allocate(HEADER_SIZE + avroPayload.length)
        .put(MAGIC_BYTE).putInt(schemaId).put(avroPayload).array();
  }

  /**
   * Splits a record into schema id and body.
   *
   * @throws RecordTooShortException when there is no full header
   * @throws BadMagicByteException when the first byte is not 0
   */
  public static FramedRecord parse(byte[] record) {
    if (record.length < HEADER_SIZE) {
      throw new RecordTooShortException(record.length);
    }
    if (record[0] != MAGIC_BYTE) {
      throw new BadMagicByteException(record[0]);
    }
    ByteBuffer buffer = ByteBuffer.wrap(record).asReadOnlyBuffer();
    int schemaId = buffer.getInt(1);
    ByteBuffer payload = buffer.position(HEADER_SIZE).slice();
    return new FramedRecord(schemaId, payload);
  }
}
