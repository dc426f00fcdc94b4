package io.gmnstream.launcher.demo;

import io.gmnstream.launcher.local.LocalStack;
import io.gmnstream.paramgraph.GraphException;
import io.gmnstream.paramgraph.GraphLimits;
import io.gmnstream.paramgraph.ParamGraph;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.RunManifest;
import io.gmnstream.schemas.serde.AvroDeserializer;
import io.gmnstream.schemas.wire.WireFormatException;
import io.gmnstream.streamjobs.graph.CheckpointGraphFactory;
import io.gmnstream.streamjobs.graph.UnusableCheckpointException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Consumes gmn.runs and gmn.checkpoints and builds a graph per checkpoint, as the graph-builder job
 * will: decode through the registry, join with the run's manifest, build, and turn anything unusable
 * into a refusal that names its dead-letter reason.
 */
final class GraphReplay {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  /** One checkpoint record and what became of it. */
  record Outcome(String runId, String source, ParamGraph graph, double buildMillis, String refusal) {}

  private final LocalStack stack;
  private final CheckpointGraphFactory factory = new CheckpointGraphFactory(GraphLimits.defaults());

  GraphReplay(LocalStack stack) {
    this.stack = stack;
  }

  List<Outcome> replay() {
    try (AvroDeserializer<SpecificRecord> deserializer = new AvroDeserializer<>(stack.registryClient())) {
      Map<String, RunManifest> manifests = new HashMap<>();
      for (ConsumerRecord<String, byte[]> record : TopicSnapshot.read(stack, Topics.RUNS.name(), READ_TIMEOUT)) {
        manifests.put(record.key(), (RunManifest) deserializer.deserialize(record.topic(), record.value()));
      }
      return TopicSnapshot.read(stack, Topics.CHECKPOINTS.name(), READ_TIMEOUT).stream()
          .map(record -> buildOne(record, deserializer, manifests))
          .toList();
    }
  }

  private Outcome buildOne(ConsumerRecord<String, byte[]> record, AvroDeserializer<SpecificRecord> deserializer,
      Map<String, RunManifest> manifests) {
    String source = record.topic() + "-" + record.partition() + "@" + record.offset();
    try {
      Checkpoint checkpoint = (Checkpoint) deserializer.deserialize(record.topic(), record.value());
      RunManifest manifest = manifests.get(record.key());
      if (manifest == null) {
        return refused(record, source, "MISSING_MANIFEST", "no manifest on " + Topics.RUNS.name());
      }
      long started = System.nanoTime();
      ParamGraph graph = factory.build(manifest, checkpoint);
      return new Outcome(record.key(), source, graph, (System.nanoTime() - started) / 1e6, null);
    } catch (WireFormatException e) {
      return refused(record, source, e.reason().name(), e.getMessage());
    } catch (UnusableCheckpointException e) {
      return refused(record, source, e.reason().name(), e.getMessage());
    } catch (GraphException e) {
      return refused(record, source, e.reason().name(), e.getMessage());
    }
  }

  private static Outcome refused(ConsumerRecord<String, byte[]> record, String source, String reason, String detail) {
    return new Outcome(record.key(), source, null, 0, reason + ": " + detail);
  }
}
