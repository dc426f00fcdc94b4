package io.gmnstream.launcher.demo;

import io.gmnstream.launcher.local.LocalStack;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.serde.AvroSerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes example runs the way a training job does: the manifest on gmn.runs, then checkpoints. */
final class ExamplePublisher {
  private ExamplePublisher() {}

  static void publish(LocalStack stack, List<ExampleRun> runs) throws InterruptedException {
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
        producerConfig(stack), new StringSerializer(), new AvroSerializer<>(stack.registryClient(), true))) {
      for (ExampleRun run : runs) {
        sends.add(producer.send(new ProducerRecord<>(Topics.RUNS.name(), run.manifest().getRunId(), run.manifest())));
      }
      for (ExampleRun run : runs) {
        sends.add(producer.send(
            new ProducerRecord<>(Topics.CHECKPOINTS.name(), run.checkpoint().getRunId(), run.checkpoint())));
      }
    }
    awaitAll(sends);
  }

  /** Publishes raw bytes that are not a Confluent-framed Avro record, as a misconfigured job would. */
  static void publishRaw(LocalStack stack, String runId, byte[] value) throws InterruptedException {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(producerConfig(stack), new StringSerializer(), new ByteArraySerializer())) {
      awaitAll(List.of(producer.send(new ProducerRecord<>(Topics.CHECKPOINTS.name(), runId, value))));
    }
  }

  private static Map<String, Object> producerConfig(LocalStack stack) {
    Map<String, Object> config = stack.broker().producerConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return config;
  }

  private static void awaitAll(List<Future<RecordMetadata>> sends) throws InterruptedException {
    for (Future<RecordMetadata> send : sends) {
      try {
        send.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("publishing to the local broker failed: " + e.getCause().getMessage(), e.getCause());
      }
    }
  }
}
