package io.gmnstream.streamjobs.monitor.topology;

import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import io.gmnstream.schemas.serde.AvroSerde;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** The value serdes of the monitor's input and output topics; keys are run ids (strings). */
public record MonitorSerdes(Serde<GmnScore> scores, Serde<RunAlert> alerts) {

  public MonitorSerdes {
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(alerts, "alerts");
  }

  /** Avro in the Confluent wire format through this registry (owned by the caller), registering on first use. */
  public static MonitorSerdes avro(SchemaRegistryClient registry) {
    return new MonitorSerdes(AvroSerde.forTopic(Topics.SCORES, registry), AvroSerde.forTopic(Topics.ALERTS, registry));
  }
}
