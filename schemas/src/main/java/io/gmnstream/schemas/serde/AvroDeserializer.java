package io.gmnstream.schemas.serde;

import io.gmnstream.schemas.registry.RegistryErrorCode;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import io.gmnstream.schemas.registry.SchemaRegistryException;
import io.gmnstream.schemas.wire.CorruptPayloadException;
import io.gmnstream.schemas.wire.FramedRecord;
import io.gmnstream.schemas.wire.IncompatibleSchemaException;
import io.gmnstream.schemas.wire.UnknownSchemaIdException;
import io.gmnstream.schemas.wire.WireFormat;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format records into Avro specific records: fetches the writer schema by
 * the id in the header (cached) and resolves it to the reader's schema, so records written with
 * an older (or newer, BACKWARD-compatible) schema still read.
 *
 * <p>Undecodable records throw a {@link io.gmnstream.schemas.wire.WireFormatException} carrying a
 * dead-letter reason; registry outages throw {@link SchemaRegistryException} (retry, don't
 * dead-letter). Kafka consumers wrap either in a RecordDeserializationException: inspect the
 * cause.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  private final ConcurrentMap<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
  private Class<T> readerClass;
  private SchemaRegistryClient registry;
  private boolean ownsRegistry;

  /**
   * For Kafka, which instantiates by class name; {@link #configure} must be called. The reader
   * class is the generated class named by each record's writer schema.
   */
  public AvroDeserializer() {}

  /** With a reader type and a client owned by the caller (not closed by {@link #close}). */
  public AvroDeserializer(Class<T> readerClass, SchemaRegistryClient registry) {
    this.readerClass = java.util.Objects.requireNonNull(readerClass, "readerClass");
    this.registry = registry;
  }

  /**
   * Reads each record into the generated class its writer schema names (for tools that read any
   * topic); the client is owned by the caller.
   */
  public AvroDeserializer(SchemaRegistryClient registry) {
    this.registry = registry;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    if (registry == null) {
      this.registry = SchemaRegistryClient.connect(SerdeConfig.fromMap(configs).registry());
      this.ownsRegistry = true;
    }
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null; // tombstone
    }
    if (registry == null) {
      throw new IllegalStateException("AvroDeserializer is not configured: call configure() "
          + "with schema.registry.url, or construct it with a SchemaRegistryClient");
    }
    FramedRecord framed = WireFormat.parse(data);
    DatumReader<T> reader = reader(framed.schemaId(), topic);
    try {
      // The body follows the header in the same array: decode it in place, no copy.
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_SIZE,
          data.length - WireFormat.HEADER_SIZE, null);
      T value = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new CorruptPayloadException(framed.schemaId(), topic,
            "bytes left over after the record: the payload does not match its schema", null);
      }
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof CorruptPayloadException corrupt) {
        throw corrupt;
      }
      // Avro reports bad input with many types (EOF, negative lengths, bad union index, ...).
      throw new CorruptPayloadException(framed.schemaId(), topic, e.toString(), e);
    }
  }

  @Override
  public void close() {
    if (ownsRegistry && registry != null) {
      registry.close();
    }
  }

  private DatumReader<T> reader(int schemaId, String topic) {
    DatumReader<T> cached = readers.get(schemaId);
    if (cached != null) {
      return cached;
    }
    Schema writer = writerSchema(schemaId, topic);
    Schema reader = readerSchema(writer, schemaId, topic);
    SchemaCompatibility.SchemaPairCompatibility compatibility =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      throw new IncompatibleSchemaException(schemaId, topic, reader.getFullName(),
          compatibility.getDescription());
    }
    DatumReader<T> created = new SpecificDatumReader<>(writer, reader);
    DatumReader<T> raced = readers.putIfAbsent(schemaId, created);
    return raced != null ? raced : created;
  }

  private Schema writerSchema(int schemaId, String topic) {
    try {
      return registry.schemaById(schemaId);
    } catch (SchemaRegistryException e) {
      if (e.code() == RegistryErrorCode.SCHEMA_NOT_FOUND) {
        throw new UnknownSchemaIdException(schemaId, topic, e);
      }
      throw e;
    }
  }

  private Schema readerSchema(Schema writer, int schemaId, String topic) {
    if (readerClass != null) {
      return SpecificData.get().getSchema(readerClass);
    }
    Class<?> generated = SpecificData.get().getClass(writer);
    if (generated == null || !SpecificRecord.class.isAssignableFrom(generated)) {
      throw new SerializationException("No generated Avro class " + writer.getFullName()
          + " on the classpath for schema id " + schemaId + " (topic '" + topic + "'); construct "
          + "AvroDeserializer with the reader class");
    }
    return SpecificData.get().getSchema(generated);
  }
}
