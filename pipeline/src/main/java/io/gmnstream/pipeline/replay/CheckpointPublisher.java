package io.gmnstream.pipeline.replay;

import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.Checkpoint;
import io.gmnstream.schemas.avro.RunManifest;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import io.gmnstream.schemas.serde.AvroSerializer;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes what a training job publishes: a run's manifest on gmn.runs, then its checkpoints on
 * gmn.checkpoints, keyed by run id, in the Confluent wire format. A replayed checkpoint is stamped
 * with the time it is published, so publish-to-score latency can be measured from the score.
 * Also sends raw bytes, for the bad input a misconfigured job might send.
 */
public final class CheckpointPublisher implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;
  private final AvroSerializer<RunManifest> manifests;
  private final AvroSerializer<Checkpoint> checkpoints;
  private final Clock clock;

  /**
   * @param producerConfig bootstrap servers and any security settings; serializers are set here
   * @param registry the schema registry the records' schemas are registered with (not closed here)
   */
  public CheckpointPublisher(Map<String, Object> producerConfig, SchemaRegistryClient registry, Clock clock) {
    Map<String, Object> config = new HashMap<>(producerConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    this.manifests = new AvroSerializer<>(registry, true);
    this.checkpoints = new AvroSerializer<>(registry, true);
    this.clock = clock;
  }

  public Future<RecordMetadata> publishManifest(RunManifest manifest) {
    byte[] value = manifests.serialize(Topics.RUNS.name(), manifest);
    return producer.send(new ProducerRecord<>(Topics.RUNS.name(), manifest.getRunId(), value));
  }

  /** Publishes the checkpoint stamped with the current time as its creation time. */
  public Future<RecordMetadata> publishCheckpoint(Checkpoint checkpoint) {
    Checkpoint stamped = Checkpoint.newBuilder(checkpoint).setCreatedAtMillis(clock.instant()).build();
    byte[] value = checkpoints.serialize(Topics.CHECKPOINTS.name(), stamped);
    return producer.send(new ProducerRecord<>(Topics.CHECKPOINTS.name(), checkpoint.getRunId(), value));
  }

  /** Sends bytes as they are: no framing, no schema. */
  public Future<RecordMetadata> publishRaw(String topic, String key, byte[] value) {
    return producer.send(new ProducerRecord<>(topic, key, value));
  }

  public void flush() {
    producer.flush();
  }

  /** Waits for a send and turns its failure into an exception that says where it went. */
  public static RecordMetadata await(Future<RecordMetadata> send) throws InterruptedException {
    try {
      return send.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("publishing failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** Waits for every send, failing on the first that failed. */
  public static void awaitAll(List<Future<RecordMetadata>> sends) throws InterruptedException {
    for (Future<RecordMetadata> send : sends) {
      await(send);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
