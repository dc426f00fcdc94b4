package io.gmnstream.operator.service.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmnstream.operator.service.FakeRegistry;
import io.gmnstream.operator.service.TestGraphs;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.DeadLetter;
import io.gmnstream.schemas.avro.DeadLetterReason;
import io.gmnstream.schemas.avro.ParamGraph;
import io.gmnstream.schemas.registry.SchemaRegistryException;
import io.gmnstream.schemas.serde.AvroDeserializer;
import io.gmnstream.schemas.serde.AvroSerializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GraphDecoderTest {
    private static final String TOPIC = Topics.GRAPHS.name();
    private static final byte[] KEY = "run-1".getBytes(StandardCharsets.UTF_8);

    private final FakeRegistry registry = new FakeRegistry();
    private final AvroSerializer<ParamGraph> serializer = new AvroSerializer<>(registry, true);
    private final GraphDecoder decoder = new GraphDecoder(new AvroDeserializer<>(ParamGraph.class, registry), 5_000);

    private byte[] encode(ParamGraph record) {
        return serializer.serialize(TOPIC, record);
    }

    private static SourceRecord source(byte[] value) {
        return new SourceRecord(TOPIC, 2, 41, KEY, value);
    }

    private Rejected rejected(byte[] value) {
        Incoming decoded = decoder.decode(source(value));
        assertThat(decoded).isInstanceOf(Rejected.class);
        return (Rejected) decoded;
    }

    @Test
    void shouldDecodeAGoodRecordIntoAGraphToScore() {
        ParamGraph record = TestGraphs.record("run-1", 300);

        Incoming decoded = decoder.decode(source(encode(record)));

        assertThat(decoded).isInstanceOf(GraphInput.class);
        GraphInput graph = (GraphInput) decoded;
        assertThat(graph.runId()).isEqualTo("run-1");
        assertThat(graph.step()).isEqualTo(300);
        assertThat(graph.checkpointCreatedAt()).isEqualTo(record.getCheckpointCreatedAtMillis());
        assertThat(graph.graph().numEdges()).isEqualTo(record.getNumEdges());
        assertThat(graph.edges()).isEqualTo(64 * 16 + 16 + 16 * 10 + 10);
    }

    @Test
    void shouldRefuseAWrongMagicByte() {
        byte[] value = encode(TestGraphs.record("run-1", 1));
        value[0] = 7;

        Rejected rejected = rejected(value);

        assertThat(rejected.reason()).isEqualTo(DeadLetterReason.BAD_MAGIC_BYTE);
        assertThat(rejected.detail()).contains("0x07").contains("value.serializer");
    }

    @Test
    void shouldRefuseAnUnknownSchemaId() {
        byte[] value = encode(TestGraphs.record("run-1", 1));
        ByteBuffer.wrap(value).putInt(1, 999);

        assertThat(rejected(value).reason()).isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA_ID);
    }

    @Test
    void shouldRefuseCorruptOrShortBytesAsCorruptRecords() {
        byte[] value = encode(TestGraphs.record("run-1", 1));
        byte[] truncated = Arrays.copyOf(value, value.length / 2);

        assertThat(rejected(truncated).reason()).isEqualTo(DeadLetterReason.CORRUPT_RECORD);
        assertThat(rejected(new byte[] {0, 0}).reason()).isEqualTo(DeadLetterReason.CORRUPT_RECORD);
        assertThat(rejected(null).reason()).isEqualTo(DeadLetterReason.CORRUPT_RECORD);
        assertThat(rejected(null).detail()).contains("tombstone");
    }

    @Test
    void shouldRefuseArraysThatDisagreeWithTheCountsAsShapeMismatch() {
        byte[] value = encode(TestGraphs.withTruncatedEdgeValues(TestGraphs.record("run-1", 1)));

        Rejected rejected = rejected(value);

        assertThat(rejected.reason()).isEqualTo(DeadLetterReason.SHAPE_MISMATCH);
        assertThat(rejected.detail()).contains("edgeValue").contains("run-1 step 1").contains("graph builder test");
    }

    @Test
    void shouldRefuseAGraphAboveMaxGraphEdgesWithItsSize() {
        ParamGraph big = TestGraphs.record("run-big", 7, TestGraphs.mlp(1, 64, 128, 10));

        Rejected rejected = rejected(encode(big));

        assertThat(rejected.reason()).isEqualTo(DeadLetterReason.TOO_LARGE);
        assertThat(rejected.detail()).contains("has " + big.getNumEdges() + " edges").contains("maxGraphEdges of 5000");
    }

    @Test
    void shouldLetARegistryOutagePropagateRatherThanDeadLetterAGoodRecord() {
        byte[] value = encode(TestGraphs.record("run-1", 1));
        GraphDecoder coldDecoder = new GraphDecoder(new AvroDeserializer<>(ParamGraph.class, registry), 5_000);
        registry.unreachable(true);

        assertThatThrownBy(() -> coldDecoder.decode(source(value))).isInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void deadLetterKeepsTheOriginalBytesAndWhereTheyCameFrom() {
        byte[] value = {1, 2, 3, 4, 5, 6};
        Rejected rejected = rejected(value);

        DeadLetter letter = DeadLetters.of(rejected, Instant.ofEpochMilli(1234));

        assertThat(letter.getSourceTopic()).isEqualTo(TOPIC);
        assertThat(letter.getSourcePartition()).isEqualTo(2);
        assertThat(letter.getSourceOffset()).isEqualTo(41);
        assertThat(bytes(letter.getKey())).isEqualTo(KEY);
        assertThat(bytes(letter.getValue())).isEqualTo(value);
        assertThat(letter.getReason()).isEqualTo(DeadLetterReason.BAD_MAGIC_BYTE);
        assertThat(letter.getComponent()).isEqualTo("gmn-operator");
        assertThat(letter.getFailedAtMillis()).isEqualTo(Instant.ofEpochMilli(1234));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
