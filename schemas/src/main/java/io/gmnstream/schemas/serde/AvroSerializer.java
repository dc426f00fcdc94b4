package io.gmnstream.schemas.serde;

import io.gmnstream.schemas.Topic;
import io.gmnstream.schemas.internal.PortableSchemas;
import io.gmnstream.schemas.registry.RegisteredSchema;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import io.gmnstream.schemas.wire.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro specific records in the Confluent wire format. The writer schema is registered (or,
 * with {@code auto.register.schemas=false}, looked up) under the topic's subject
 * ({@code <topic>-value}) once, without the Java-only string properties; its id is cached.
 *
 * <p>Registry failures propagate as {@link io.gmnstream.schemas.registry.SchemaRegistryException}
 * (retriable ones say so); a record that Avro cannot encode gives a {@link SerializationException}.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

  private record SubjectSchema(String subject, Schema schema) {}

  private final ConcurrentMap<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
  private final ConcurrentMap<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();
  private SchemaRegistryClient registry;
  private boolean ownsRegistry;
  private boolean autoRegister;
  private boolean isKey;

  /** For Kafka, which instantiates by class name; {@link #configure} must be called. */
  public AvroSerializer() {}

  /**
   * With a client owned by the caller (not closed by {@link #close}); {@link #configure} is then
   * optional and reads no registry keys.
   */
  public AvroSerializer(SchemaRegistryClient registry, boolean autoRegister) {
    this.registry = registry;
    this.autoRegister = autoRegister;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.isKey = isKey;
    if (registry == null) {
      SerdeConfig config = SerdeConfig.fromMap(configs);
      this.registry = SchemaRegistryClient.connect(config.registry());
      this.ownsRegistry = true;
      this.autoRegister = config.autoRegister();
    }
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null; // tombstone: deletes the key on compacted topics
    }
    if (registry == null) {
      throw new IllegalStateException("AvroSerializer is not configured: call configure() with "
          + "schema.registry.url, or construct it with a SchemaRegistryClient");
    }
    Schema schema = record.getSchema();
    int id = schemaId(subject(topic), PortableSchemas.of(schema));
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(WireFormat.header(id));
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writers.computeIfAbsent(schema, SpecificDatumWriter::new).write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      // Typically a required field left null: name the type so the producer can be fixed.
      throw new SerializationException("Cannot encode " + schema.getFullName() + " for topic '"
          + topic + "': " + e, e);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    if (ownsRegistry && registry != null) {
      registry.close();
    }
  }

  private String subject(String topic) {
    return isKey ? topic + "-key" : Topic.valueSubject(topic);
  }

  private int schemaId(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer cached = ids.get(key);
    if (cached != null) {
      return cached;
    }
    int id = autoRegister ? registry.register(subject, schema)
        : registry.find(subject, schema).map(RegisteredSchema::id).orElseThrow(() ->
            new SerializationException("Schema " + schema.getFullName() + " is not registered "
                + "under subject '" + subject + "' and " + SerdeConfig.AUTO_REGISTER + "=false; "
                + "register it (see schemas/README.md) or enable " + SerdeConfig.AUTO_REGISTER));
    ids.putIfAbsent(key, id);
    return id;
  }
}
