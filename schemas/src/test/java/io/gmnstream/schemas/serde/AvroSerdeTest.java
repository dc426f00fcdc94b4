package io.gmnstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmnstream.schemas.TestRecords;
import io.gmnstream.schemas.Topic;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.DeadLetterReason;
import io.gmnstream.schemas.avro.InlineWeights;
import io.gmnstream.schemas.avro.RunManifest;
import io.gmnstream.schemas.avro.RunOutcome;
import io.gmnstream.schemas.avro.RunStatus;
import io.gmnstream.schemas.registry.InMemorySchemaRegistry;
import io.gmnstream.schemas.wire.BadMagicByteException;
import io.gmnstream.schemas.wire.CorruptPayloadException;
import io.gmnstream.schemas.wire.IncompatibleSchemaException;
import io.gmnstream.schemas.wire.RecordTooShortException;
import io.gmnstream.schemas.wire.UnknownSchemaIdException;
import io.gmnstream.schemas.wire.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeTest {

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

  static Stream<Topic<?>> topics() {
    return Topics.ALL.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topics")
  void shouldRoundTripEveryRecordTypeUnderItsTopicSubject(Topic<?> topic) {
    SpecificRecord original = TestRecords.examplePerTopic().get(topic);

    SpecificRecord read = roundTrip(topic, original);

    assertThat(read).isInstanceOf(topic.valueClass()).isEqualTo(original);
    assertThat(registry.latest(topic.valueSubject()).schema()).isEqualTo(topic.valueSchema());
  }

  @Test
  void shouldRoundTripBothWeightsBranchesAndTheOnnxArchitecture() {
    assertThat(roundTrip(Topics.CHECKPOINTS, TestRecords.referenceCheckpoint(7)))
        .isEqualTo(TestRecords.referenceCheckpoint(7));
    assertThat(roundTrip(Topics.RUNS, TestRecords.onnxManifest()))
        .isEqualTo(TestRecords.onnxManifest());
  }

  @Test
  void shouldFrameWithTheRegisteredSchemaId() {
    int id = registry.register(Topics.SCORES.valueSubject(), Topics.SCORES.valueSchema());
    AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>(registry, true);

    byte[] bytes = serializer.serialize(Topics.SCORES.name(), TestRecords.score());

    assertThat(WireFormat.parse(bytes).schemaId()).isEqualTo(id);
  }

  @Test
  void shouldRegisterOnceAndFetchEachWriterSchemaOnce() {
    AvroSerializer<Checkpoint> serializer = new AvroSerializer<>(registry, true);
    AvroDeserializer<Checkpoint> deserializer = new AvroDeserializer<>(Checkpoint.class, registry);

    for (long step = 0; step < 5; step++) {
      byte[] bytes = serializer.serialize("gmn.checkpoints", TestRecords.inlineCheckpoint(step));
      assertThat(deserializer.deserialize("gmn.checkpoints", bytes).getStep()).isEqualTo(step);
    }

    assertThat(registry.registerCalls()).isEqualTo(1);
    assertThat(registry.schemaByIdCalls()).isEqualTo(1);
  }

  @Test
  void shouldPassTombstonesThrough() {
    AvroSerializer<RunManifest> serializer = new AvroSerializer<>(registry, true);
    AvroDeserializer<RunManifest> deserializer =
        new AvroDeserializer<>(RunManifest.class, registry);

    assertThat(serializer.serialize("gmn.runs", null)).isNull();
    assertThat(deserializer.deserialize("gmn.runs", null)).isNull();
  }

  @Test
  void shouldOnlyLookUpTheSchemaWhenAutoRegisterIsOff() {
    AvroSerializer<RunOutcome> serializer = new AvroSerializer<>(registry, false);

    assertThatThrownBy(() -> serializer.serialize("gmn.run-outcomes", TestRecords.outcome()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("gmn.run-outcomes-value")
        .hasMessageContaining("auto.register.schemas");
    assertThat(registry.registerCalls()).isZero();

    int id = registry.register(Topics.RUN_OUTCOMES.valueSubject(), Topics.RUN_OUTCOMES.valueSchema());
    byte[] bytes = serializer.serialize("gmn.run-outcomes", TestRecords.outcome());
    assertThat(WireFormat.parse(bytes).schemaId()).isEqualTo(id);
    assertThat(registry.registerCalls()).isEqualTo(1);
  }

  @Test
  void shouldFailToEncodeARecordWithAMissingRequiredField() {
    RunOutcome invalid = TestRecords.outcome();
    invalid.setTask(null);

    assertThatThrownBy(() -> new AvroSerializer<RunOutcome>(registry, true)
        .serialize("gmn.run-outcomes", invalid))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("io.gmnstream.schemas.avro.RunOutcome")
        .hasMessageContaining("gmn.run-outcomes");
  }

  @Test
  void shouldReadRecordsWrittenWithAnOlderSchema() throws IOException {
    // The "old" Checkpoint: before epoch and metrics existed.
    Schema current = Checkpoint.getClassSchema();
    Schema old = withoutFields(current, "epoch", "metrics");
    Schema weights = current.getField("weights").schema();
    GenericRecord inline = new GenericData.Record(weights.getTypes().get(0));
    inline.put("format", new GenericData.EnumSymbol(
        weights.getTypes().get(0).getField("format").schema(), "SAFETENSORS"));
    inline.put("data", ByteBuffer.wrap(new byte[] {1, 2}));
    GenericRecord oldRecord = new GenericData.Record(old);
    oldRecord.put("runId", "run-old");
    oldRecord.put("step", 9L);
    oldRecord.put("createdAtMillis", TestRecords.T0.toEpochMilli());
    oldRecord.put("weights", inline);
    int oldId = registry.register("gmn.checkpoints-value", old);

    Checkpoint read = new AvroDeserializer<>(Checkpoint.class, registry)
        .deserialize("gmn.checkpoints", WireFormat.frame(oldId, encode(old, oldRecord)));

    assertThat(read.getRunId()).isEqualTo("run-old");
    assertThat(read.getStep()).isEqualTo(9L);
    assertThat(read.getCreatedAtMillis()).isEqualTo(TestRecords.T0);
    assertThat(read.getEpoch()).as("default of a field the writer did not have").isNull();
    assertThat(read.getMetrics()).isEmpty();
    assertThat(read.getWeights()).isInstanceOf(InlineWeights.class);
    // And the new schema registers on top of the old one: BACKWARD compatible.
    assertThat(roundTrip(Topics.CHECKPOINTS, TestRecords.inlineCheckpoint(3)))
        .isEqualTo(TestRecords.inlineCheckpoint(3));
  }

  @Test
  void shouldMapAnEnumSymbolTheReaderDoesNotKnowToTheDefault() throws IOException {
    Schema current = RunOutcome.getClassSchema();
    Schema newer = new Schema.Parser().parse(current.toString()
        .replace("\"ABORTED\",", "\"ABORTED\",\"PREEMPTED\","));
    GenericRecord record = new GenericData.Record(newer);
    record.put("runId", "run-1");
    record.put("task", "digits-8x8");
    record.put("status", new GenericData.EnumSymbol(newer.getField("status").schema(),
        "PREEMPTED"));
    record.put("finalStep", 10L);
    record.put("reportedAtMillis", TestRecords.T0.toEpochMilli());
    int id = registry.register("gmn.run-outcomes-value", newer);

    RunOutcome read = new AvroDeserializer<>(RunOutcome.class, registry)
        .deserialize("gmn.run-outcomes", WireFormat.frame(id, encode(newer, record)));

    assertThat(read.getStatus()).isEqualTo(RunStatus.UNKNOWN);
  }

  @Test
  void shouldReadIntoTheClassNamedByTheWriterSchemaWhenNoReaderClassIsGiven() {
    byte[] bytes = new AvroSerializer<SpecificRecord>(registry, true)
        .serialize("gmn.alerts", TestRecords.alert());

    Object read = new AvroDeserializer<>(registry).deserialize("gmn.alerts", bytes);

    assertThat(read).isEqualTo(TestRecords.alert());
  }

  @Test
  void shouldDeadLetterAnUnknownSchemaIdNamingTheId() {
    byte[] bytes = WireFormat.frame(4711, new byte[] {2, 'a'});

    assertThatThrownBy(() -> deserializer().deserialize("gmn.run-outcomes", bytes))
        .isInstanceOfSatisfying(UnknownSchemaIdException.class, e -> {
          assertThat(e.schemaId()).isEqualTo(4711);
          assertThat(e.reason()).isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA_ID);
        })
        .hasMessageContaining("4711")
        .hasMessageContaining("gmn.run-outcomes");
  }

  @Test
  void shouldDeadLetterATruncatedPayload() {
    byte[] good = serialize(Topics.RUN_OUTCOMES, TestRecords.outcome());
    byte[] truncated = Arrays.copyOf(good, good.length - 4);

    assertThatThrownBy(() -> deserializer().deserialize("gmn.run-outcomes", truncated))
        .isInstanceOfSatisfying(CorruptPayloadException.class,
            e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.CORRUPT_RECORD))
        .hasMessageContaining("gmn.run-outcomes")
        .hasMessageContaining("schema id");
  }

  @Test
  void shouldDeadLetterAPayloadWithTrailingBytes() {
    byte[] good = serialize(Topics.RUN_OUTCOMES, TestRecords.outcome());
    byte[] padded = Arrays.copyOf(good, good.length + 3);

    assertThatThrownBy(() -> deserializer().deserialize("gmn.run-outcomes", padded))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("left over");
  }

  @Test
  void shouldDeadLetterGarbageAfterAValidHeader() {
    byte[] good = serialize(Topics.RUN_OUTCOMES, TestRecords.outcome());
    byte[] garbage = good.clone();
    Arrays.fill(garbage, WireFormat.HEADER_SIZE, garbage.length, (byte) 0xff);

    assertThatThrownBy(() -> deserializer().deserialize("gmn.run-outcomes", garbage))
        .isInstanceOf(CorruptPayloadException.class);
  }

  @Test
  void shouldDeadLetterFramingErrors() {
    AvroDeserializer<RunOutcome> deserializer = deserializer();

    assertThatThrownBy(() -> deserializer.deserialize("gmn.run-outcomes", new byte[] {0, 0}))
        .isInstanceOf(RecordTooShortException.class);
    assertThatThrownBy(() -> deserializer.deserialize("gmn.run-outcomes",
        new byte[] {1, 0, 0, 0, 1, 2}))
        .isInstanceOf(BadMagicByteException.class)
        .hasMessageContaining("0x01");
  }

  @Test
  void shouldRejectARecordOfAnotherTypeOnTheTopic() {
    byte[] score = new AvroSerializer<SpecificRecord>(registry, true)
        .serialize("gmn.run-outcomes", TestRecords.score());

    assertThatThrownBy(() -> deserializer().deserialize("gmn.run-outcomes", score))
        .isInstanceOfSatisfying(IncompatibleSchemaException.class,
            e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.OTHER))
        .hasMessageContaining("RunOutcome");
  }

  @Test
  void shouldFailClearlyWhenUsedUnconfigured() {
    assertThatThrownBy(() -> new AvroSerializer<RunOutcome>().serialize("t", TestRecords.outcome()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("schema.registry.url");
    assertThatThrownBy(() -> new AvroDeserializer<RunOutcome>().deserialize("t", new byte[5]))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("schema.registry.url");
  }

  @Test
  void shouldNotCloseARegistryOwnedByTheCaller() {
    AvroSerde<RunOutcome> serde = AvroSerde.forTopic(Topics.RUN_OUTCOMES, registry);
    byte[] bytes = serde.serializer().serialize("gmn.run-outcomes", TestRecords.outcome());
    assertThat(serde.deserializer().deserialize("gmn.run-outcomes", bytes))
        .isEqualTo(TestRecords.outcome());

    serde.close();

    assertThat(registry.isClosed()).isFalse();
  }

  @Test
  void shouldFailConfigureNamingTheMissingKey() {
    assertThatThrownBy(() -> new AvroSerializer<RunOutcome>().configure(Map.of(), false))
        .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
        .hasMessageContaining("schema.registry.url");
  }

  private AvroDeserializer<RunOutcome> deserializer() {
    return new AvroDeserializer<>(RunOutcome.class, registry);
  }

  @SuppressWarnings("unchecked")
  private <T extends SpecificRecord> byte[] serialize(Topic<T> topic, SpecificRecord record) {
    return new AvroSerializer<T>(registry, true).serialize(topic.name(), (T) record);
  }

  private <T extends SpecificRecord> T roundTrip(Topic<T> topic, SpecificRecord record) {
    byte[] bytes = serialize(topic, record);
    return new AvroDeserializer<>(topic.valueClass(), registry).deserialize(topic.name(), bytes);
  }

  private static Schema withoutFields(Schema schema, String... names) {
    java.util.List<Schema.Field> kept = schema.getFields().stream()
        .filter(f -> !Arrays.asList(names).contains(f.name()))
        .map(f -> new Schema.Field(f, f.schema()))
        .toList();
    return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false,
        kept);
  }

  private static byte[] encode(Schema schema, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
