package io.gmnstream.streamjobs.builder.internal;

import io.gmnstream.schemas.DeadLetterRecords;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.DeadLetter;
import io.gmnstream.schemas.avro.ParamGraph;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import io.gmnstream.schemas.serde.AvroSerializer;
import io.gmnstream.streamjobs.builder.internal.FailureClassifier.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Encodes the job's outputs in the wire format (registering their schemas on first use). */
final class OutputEncoder {

  static final String COMPONENT = "graph-builder";

  private final AvroSerializer<ParamGraph> graphs;
  private final AvroSerializer<DeadLetter> deadLetters;
  private final Clock clock;

  OutputEncoder(SchemaRegistryClient registry, Clock clock) {
    this.graphs = new AvroSerializer<>(registry, true);
    this.deadLetters = new AvroSerializer<>(registry, true);
    this.clock = clock;
  }

  /** The graph, keyed by its run id so a run stays on one partition. */
  OutputRecord graph(ParamGraph graph) {
    String topic = Topics.GRAPHS.name();
    return new OutputRecord(topic, graph.getRunId().getBytes(StandardCharsets.UTF_8), graphs.serialize(topic, graph));
  }

  /** The dead letter of a record, its original key and value kept byte for byte. */
  OutputRecord deadLetter(RawRecord record, Rejection rejection) {
    DeadLetter letter = DeadLetterRecords.of(record.topic, record.partition, record.offset, record.key, record.value,
        rejection.reason(), rejection.detail(), COMPONENT, clock.instant());
    String topic = Topics.DEAD_LETTERS.name();
    return new OutputRecord(topic, record.key, deadLetters.serialize(topic, letter));
  }
}
