package io.gmnstream.schemas;

import io.gmnstream.schemas.internal.PortableSchemas;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * A Kafka topic bound to the Avro record type of its values. Keys are always the run id as a plain
 * string (not Avro), so a run's records stay ordered on one partition.
 *
 * @param name the topic name, e.g. {@code gmn.checkpoints}
 * @param valueClass the generated Avro class of the topic's values
 * @param compacted whether the topic is log-compacted (latest value per key wins)
 * @param <V> the value type
 */
public record Topic<V extends SpecificRecord>(String name, Class<V> valueClass, boolean compacted) {

  /** Suffix of value subjects under Confluent's TopicNameStrategy. */
  public static final String VALUE_SUBJECT_SUFFIX = "-value";

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(valueClass, "valueClass");
    if (name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
  }

  /** The schema registry subject of the values (TopicNameStrategy): {@code <topic>-value}. */
  public String valueSubject() {
    return valueSubject(name);
  }

  /**
   * The current schema of the values as in its .avsc (what serializers register), without the
   * Java-only properties of the generated class.
   */
  public Schema valueSchema() {
    return PortableSchemas.of(SpecificData.get().getSchema(valueClass));
  }

  /** The TopicNameStrategy value subject for any topic name. */
  public static String valueSubject(String topicName) {
    return topicName + VALUE_SUBJECT_SUFFIX;
  }
}
