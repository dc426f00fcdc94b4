package io.gmnstream.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmnstream.schemas.avro.DeadLetterReason;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WireFormatTest {

  @Test
  void shouldWriteMagicByteThenBigEndianSchemaId() {
    assertThat(WireFormat.header(0x01020304)).containsExactly(0, 1, 2, 3, 4);
    assertThat(WireFormat.frame(258, new byte[] {42, 43})).containsExactly(0, 0, 0, 1, 2, 42, 43);
  }

  @Test
  void shouldRoundTripSchemaIdAndPayload() {
    byte[] framed = WireFormat.frame(Integer.MAX_VALUE, new byte[] {7, 8, 9});

    FramedRecord parsed = WireFormat.parse(framed);

    assertThat(parsed.schemaId()).isEqualTo(Integer.MAX_VALUE);
    byte[] payload = new byte[parsed.payload().remaining()];
    parsed.payload().get(payload);
    assertThat(payload).containsExactly(7, 8, 9);
  }

  @Test
  void shouldExposeThePayloadAsAReadOnlyViewWithoutCopying() {
    byte[] framed = WireFormat.frame(5, new byte[] {1, 2});

    ByteBuffer payload = WireFormat.parse(framed).payload();

    assertThat(payload.isReadOnly()).isTrue();
    framed[5] = 99;
    assertThat(payload.get(0)).isEqualTo((byte) 99);
  }

  @Test
  void shouldAcceptAnEmptyPayload() {
    FramedRecord parsed = WireFormat.parse(WireFormat.header(3));

    assertThat(parsed.schemaId()).isEqualTo(3);
    assertThat(parsed.payload().remaining()).isZero();
  }

  @Test
  void shouldRejectRecordsShorterThanTheHeader() {
    assertThatThrownBy(() -> WireFormat.parse(new byte[] {0, 0, 0, 1}))
        .isInstanceOfSatisfying(RecordTooShortException.class, e -> {
          assertThat(e.length()).isEqualTo(4);
          assertThat(e.reason()).isEqualTo(DeadLetterReason.CORRUPT_RECORD);
        })
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("4 bytes");
    assertThatThrownBy(() -> WireFormat.parse(new byte[0]))
        .isInstanceOf(RecordTooShortException.class)
        .hasMessageContaining("0 bytes");
  }

  @Test
  void shouldRejectABadMagicByteSayingWhichByteWasFound() {
    byte[] json = "{\"runId\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThatThrownBy(() -> WireFormat.parse(json))
        .isInstanceOfSatisfying(BadMagicByteException.class, e -> {
          assertThat(e.found()).isEqualTo((byte) '{');
          assertThat(e.reason()).isEqualTo(DeadLetterReason.BAD_MAGIC_BYTE);
        })
        .hasMessageContaining("0x7b");
  }
}
