package io.gmnstream.schemas.serde;

import io.gmnstream.schemas.Topic;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Serializer and deserializer of one record type, e.g. for Kafka Streams. */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final AvroSerializer<T> serializer;
  private final AvroDeserializer<T> deserializer;

  /** With a client owned by the caller. */
  public AvroSerde(Class<T> type, SchemaRegistryClient registry, boolean autoRegister) {
    this.serializer = new AvroSerializer<>(registry, autoRegister);
    this.deserializer = new AvroDeserializer<>(type, registry);
  }

  /** The serde of a topic's values, registering schemas on first use. */
  public static <T extends SpecificRecord> AvroSerde<T> forTopic(Topic<T> topic,
      SchemaRegistryClient registry) {
    return new AvroSerde<>(topic.valueClass(), registry, SerdeConfig.DEFAULT_AUTO_REGISTER);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }

  @Override
  public void close() {
    serializer.close();
    deserializer.close();
  }
}
