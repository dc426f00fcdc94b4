package io.gmnstream.pipeline.observe;

import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.avro.DeadLetter;
import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import io.gmnstream.schemas.serde.AvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads gmn.scores, gmn.dead-letters and gmn.alerts from the beginning as a downstream consumer would
 * (isolation.level=read_committed: only what the pipeline committed) into an {@link OutputTally},
 * on its own thread until closed.
 */
public final class OutputWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutputWatcher.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final AvroDeserializer<GmnScore> scores;
  private final AvroDeserializer<DeadLetter> deadLetters;
  private final AvroDeserializer<RunAlert> alerts;
  private final OutputTally tally = new OutputTally();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile RuntimeException failure;

  private OutputWatcher(Map<String, Object> consumerConfig, SchemaRegistryClient registry) {
    Map<String, Object> config = new HashMap<>(consumerConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    this.scores = new AvroDeserializer<>(GmnScore.class, registry);
    this.deadLetters = new AvroDeserializer<>(DeadLetter.class, registry);
    this.alerts = new AvroDeserializer<>(RunAlert.class, registry);
    this.thread = new Thread(this::run, "gmn-output-watcher");
    this.thread.setDaemon(true);
  }

  /**
   * Starts watching; {@code consumerConfig} needs the bootstrap servers (and any security settings).
   *
   * @param fromBeginning read everything on the topics; false: only what is committed from now on
   */
  public static OutputWatcher start(Map<String, Object> consumerConfig, SchemaRegistryClient registry,
      boolean fromBeginning) {
    OutputWatcher watcher = new OutputWatcher(consumerConfig, registry);
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(Topics.SCORES.name(), Topics.DEAD_LETTERS.name(), Topics.ALERTS.name())) {
      watcher.consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    watcher.consumer.assign(partitions);
    if (fromBeginning) {
      watcher.consumer.seekToBeginning(partitions);
    } else {
      watcher.consumer.seekToEnd(partitions);
      // Resolve the end offsets now: seekToEnd is lazy, and records committed before the first poll must not count.
      partitions.forEach(watcher.consumer::position);
    }
    watcher.thread.start();
    return watcher;
  }

  public OutputTally.Snapshot snapshot() {
    if (failure != null) {
      throw new IllegalStateException("the output watcher stopped: " + failure.getMessage(), failure);
    }
    return tally.snapshot();
  }

  public OutputTally tally() {
    return tally;
  }

  /** Waits until the tally satisfies {@code condition}, polling every 50 ms. */
  public OutputTally.Snapshot await(Predicate<OutputTally.Snapshot> condition, Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    OutputTally.Snapshot now = snapshot();
    while (!condition.test(now)) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("pipeline output did not reach the expected state within " + timeout
            + "; last seen: " + now);
      }
      Thread.sleep(50);
      now = snapshot();
    }
    return now;
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          long readableAt = System.currentTimeMillis();
          if (record.topic().equals(Topics.SCORES.name())) {
            tally.onScore(scores.deserialize(record.topic(), record.value()), readableAt);
          } else if (record.topic().equals(Topics.ALERTS.name())) {
            tally.onAlert(alerts.deserialize(record.topic(), record.value()));
          } else {
            tally.onDeadLetter(deadLetters.deserialize(record.topic(), record.value()));
          }
        }
      }
    } catch (WakeupException e) {
      // close() woke the consumer up to stop it.
    } catch (RuntimeException e) {
      LOG.error("output watcher failed", e);
      failure = e;
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
  }
}
