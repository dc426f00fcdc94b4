package io.gmnstream.streamjobs.hooks.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The properties of the hooks' consumer and dead-letter producer: our defaults, then the
 * passthrough properties, then what the service relies on. Each client gets only the passthrough
 * keys it knows, or neither knows (plugin settings), so neither logs the other's keys as unknown.
 */
public final class KafkaClientProperties {

  private KafkaClientProperties() {}

  public static Map<String, Object> consumer(String bootstrapServers, String groupId,
      Map<String, String> passthrough) {
    Map<String, Object> props = new HashMap<>();
    // A new group starts at the oldest alert: alerts raised before the first start are delivered.
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.putAll(only(passthrough, ConsumerConfig.configNames(), ProducerConfig.configNames()));
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    // The monitor may write alerts in transactions: never deliver an aborted one.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return props;
  }

  public static Map<String, Object> producer(String bootstrapServers,
      Map<String, String> passthrough) {
    Map<String, Object> props = new HashMap<>();
    props.putAll(only(passthrough, ProducerConfig.configNames(), ConsumerConfig.configNames()));
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // A dead letter counts as written only once every in-sync replica has it.
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return props;
  }

  private static Map<String, String> only(Map<String, String> passthrough, Set<String> known,
      Set<String> otherClient) {
    Map<String, String> kept = new HashMap<>();
    passthrough.forEach((key, value) -> {
      if (known.contains(key) || !otherClient.contains(key)) {
        kept.put(key, value);
      }
    });
    return kept;
  }
}
