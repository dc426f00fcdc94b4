package io.gmnstream.embedded.schemas;

import io.gmnstream.embedded.kafka.EmbeddedKafkaBroker;
import io.gmnstream.embedded.kafka.KafkaBrokerConfig;
import io.gmnstream.embedded.kafka.TopicSpec;
import io.gmnstream.embedded.registry.EmbeddedSchemaRegistry;
import io.gmnstream.embedded.registry.EmbeddedSchemaRegistryLifecycleTest;
import io.gmnstream.embedded.registry.SchemaRegistryConfig;
import io.gmnstream.embedded.registry.TlsConfig;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.RunOutcome;
import io.gmnstream.schemas.avro.RunStatus;
import io.gmnstream.schemas.compat.CompatibilityResult;
import io.gmnstream.schemas.registry.RegisteredSchema;
import io.gmnstream.schemas.registry.RegistryClientConfig;
import io.gmnstream.schemas.registry.RegistryErrorCode;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import io.gmnstream.schemas.registry.SchemaRegistryException;
import io.gmnstream.schemas.registry.TrustStoreType;
import io.gmnstream.schemas.serde.AvroDeserializer;
import io.gmnstream.schemas.serde.AvroSerializer;
import io.gmnstream.schemas.wire.BadMagicByteException;
import io.gmnstream.schemas.wire.UnknownSchemaIdException;
import io.gmnstream.schemas.wire.WireFormat;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static io.gmnstream.embedded.kafka.KafkaTestSupport.consumeExactly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The project's registry client and wire-format serde (gmn-schemas) against the embedded broker and registry. */
class GmnSchemasAgainstEmbeddedRegistryTest {
    private static final Schema RUN_OUTCOME = RunOutcome.getClassSchema();

    private static EmbeddedKafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;
    private static SchemaRegistryClient client;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(KafkaBrokerConfig.defaults());
        registry = EmbeddedSchemaRegistry.start(SchemaRegistryConfig.defaults(broker.bootstrapServers()));
        // No retries: every error asserted here is a final 4xx, and a 5xx must fail the test at once.
        client = SchemaRegistryClient.connect(RegistryClientConfig.of(registry.url())
                .withRetries(0, Duration.ofMillis(100), Duration.ofMillis(100)));
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (registry != null) {
            registry.close();
        }
        broker.close();
    }

    @Test
    void shouldRegisterFindAndServeTheProjectSchemasThroughTheClient() {
        int id = client.register("client-outcome-value", RUN_OUTCOME);

        assertThat(client.register("client-outcome-value", RUN_OUTCOME)).isEqualTo(id);
        assertThat(parsingForm(client.schemaById(id))).isEqualTo(parsingForm(RUN_OUTCOME));
        RegisteredSchema latest = client.latest("client-outcome-value");
        assertThat(latest.subject()).isEqualTo("client-outcome-value");
        assertThat(latest.version()).isEqualTo(1);
        assertThat(latest.id()).isEqualTo(id);
        assertThat(parsingForm(latest.schema())).isEqualTo(parsingForm(RUN_OUTCOME));
        assertThat(client.find("client-outcome-value", RUN_OUTCOME)).map(RegisteredSchema::id).contains(id);
        assertThat(client.find("client-nobody-value", RUN_OUTCOME)).isEmpty();
    }

    @Test
    void shouldReportCompatibilityThroughTheClient() {
        client.register("client-compat-value", RUN_OUTCOME);
        Schema withRequiredField = SchemaBuilder.record("RunOutcome").namespace("io.gmnstream.schemas.avro")
                .fields().requiredString("runId").requiredString("mandatoryNewField").endRecord();

        CompatibilityResult same = client.checkCompatibility("client-compat-value", RUN_OUTCOME);
        CompatibilityResult broken = client.checkCompatibility("client-compat-value", withRequiredField);

        assertThat(same.compatible()).isTrue();
        assertThat(broken.compatible()).isFalse();
        assertThat(broken.messages()).anySatisfy(m -> assertThat(m).contains("mandatoryNewField"));
    }

    @Test
    void shouldSurfaceRegistryErrorsWithSubjectStatusAndErrorCode() {
        assertThatThrownBy(() -> client.latest("client-missing-value"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40401);
                    assertThat(e.code()).isEqualTo(RegistryErrorCode.SUBJECT_NOT_FOUND);
                    assertThat(e.subject()).contains("client-missing-value");
                    assertThat(e.getMessage()).contains("client-missing-value").contains("404").contains("40401");
                });

        assertThatThrownBy(() -> client.schemaById(424242))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.code()).isEqualTo(RegistryErrorCode.SCHEMA_NOT_FOUND);
                    assertThat(e.schemaId()).hasValue(424242);
                });

        client.register("client-incompatible-value", RUN_OUTCOME);
        Schema incompatible = SchemaBuilder.record("RunOutcome").namespace("io.gmnstream.schemas.avro")
                .fields().requiredString("runId").requiredInt("mandatoryNewField").endRecord();
        assertThatThrownBy(() -> client.register("client-incompatible-value", incompatible))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo(RegistryErrorCode.INCOMPATIBLE);
                    assertThat(e.getMessage()).contains("client-incompatible-value");
                });
    }

    @Test
    void shouldTalkToARegistryBehindHttpsAndBasicAuth(@TempDir Path dir) throws Exception {
        Path keystore = EmbeddedSchemaRegistryLifecycleTest.createSelfSignedKeystore(dir);
        SchemaRegistryConfig secured = SchemaRegistryConfig.builder(broker.bootstrapServers())
                .topic("_schemas_secured").basicAuth("gmn", "s3cret")
                .tls(TlsConfig.pkcs12(keystore, EmbeddedSchemaRegistryLifecycleTest.KEYSTORE_PASSWORD)).build();
        try (EmbeddedSchemaRegistry securedRegistry = EmbeddedSchemaRegistry.start(secured)) {
            RegistryClientConfig trusting = RegistryClientConfig.of(securedRegistry.url())
                    .withRetries(0, Duration.ofMillis(100), Duration.ofMillis(100))
                    .withTrustStore(keystore, EmbeddedSchemaRegistryLifecycleTest.KEYSTORE_PASSWORD, TrustStoreType.PKCS12);

            try (SchemaRegistryClient authorised = SchemaRegistryClient.connect(trusting.withBasicAuth("gmn", "s3cret"))) {
                int id = authorised.register("secured-value", RUN_OUTCOME);
                assertThat(authorised.latest("secured-value").id()).isEqualTo(id);
            }
            try (SchemaRegistryClient anonymous = SchemaRegistryClient.connect(trusting)) {
                assertThatThrownBy(() -> anonymous.latest("secured-value"))
                        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                            assertThat(e.httpStatus()).isEqualTo(401);
                            assertThat(e.errorCode()).isEqualTo(40101);
                        });
            }
        }
    }

    @Test
    void shouldRoundTripGeneratedRecordsThroughATopicInTheWireFormat() {
        String topic = Topics.RUN_OUTCOMES.name();
        broker.createTopics(List.of(TopicSpec.of(topic, 2)));
        RunOutcome outcome = RunOutcome.newBuilder()
                .setRunId("run-7").setTask("mnist").setStatus(RunStatus.COMPLETED)
                .setFinalTestAccuracy(0.981).setFinalTrainAccuracy(null).setFinalStep(12_000L)
                .setReportedAtMillis(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .build();

        try (KafkaProducer<String, RunOutcome> producer = new KafkaProducer<>(broker.producerConfig(),
                new StringSerializer(), new AvroSerializer<>(client, true))) {
            producer.send(new ProducerRecord<>(topic, outcome.getRunId().toString(), outcome)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        try (KafkaConsumer<String, RunOutcome> consumer = new KafkaConsumer<>(broker.consumerConfig("serde-reader"),
                new StringDeserializer(), new AvroDeserializer<>(RunOutcome.class, client))) {
            List<ConsumerRecord<String, RunOutcome>> records = consumeExactly(consumer, topic, 1);
            assertThat(records.get(0).value()).isEqualTo(outcome);
        }
        // The serializer registered the schema under the topic's value subject.
        assertThat(parsingForm(client.latest(Topics.RUN_OUTCOMES.valueSubject()).schema()))
                .isEqualTo(parsingForm(RUN_OUTCOME));
    }

    @Test
    void shouldFailOnAnUnknownSchemaIdReadFromATopic() {
        String topic = "serde.unknown-id";
        broker.createTopics(List.of(TopicSpec.of(topic, 1)));
        produceRaw(topic, WireFormat.frame(987_654, new byte[] {2, 'x'}));

        assertThat(deserializationFailure(topic, "unknown-id-reader"))
                .isInstanceOfSatisfying(UnknownSchemaIdException.class,
                        e -> assertThat(e.schemaId()).isEqualTo(987_654));
    }

    @Test
    void shouldFailOnABadMagicByteReadFromATopic() {
        String topic = "serde.bad-magic";
        broker.createTopics(List.of(TopicSpec.of(topic, 1)));
        produceRaw(topic, new byte[] {1, 0, 0, 0, 1, 2, 'x'});

        assertThat(deserializationFailure(topic, "bad-magic-reader"))
                .isInstanceOfSatisfying(BadMagicByteException.class, e -> assertThat(e.found()).isEqualTo((byte) 1));
    }

    /**
     * Avro's Parsing Canonical Form: gmn-schemas registers generated schemas without their Java-only
     * properties (avro.java.string), so the registered schema is equal to the class schema only in this form.
     */
    private static String parsingForm(Schema schema) {
        return SchemaNormalization.toParsingForm(schema);
    }

    private static void produceRaw(String topic, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(broker.producerConfig(),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "run-1", value)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** What the consumer's value deserializer threw for the first record of the topic. */
    private static Throwable deserializationFailure(String topic, String group) {
        try (KafkaConsumer<String, RunOutcome> consumer = new KafkaConsumer<>(broker.consumerConfig(group),
                new StringDeserializer(), new AvroDeserializer<>(RunOutcome.class, client))) {
            Optional<RecordDeserializationException> failure = Optional.empty();
            try {
                consumeExactly(consumer, topic, 1);
            } catch (RecordDeserializationException e) {
                failure = Optional.of(e);
            }
            assertThat(failure).as("a RecordDeserializationException from poll").isPresent();
            return failure.get().getCause();
        }
    }
}
