package io.gmnstream.streamjobs.hooks;

import io.gmnstream.schemas.avro.DeadLetter;
import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import io.gmnstream.schemas.serde.AvroDeserializer;
import io.gmnstream.schemas.serde.AvroSerializer;
import io.gmnstream.streamjobs.hooks.internal.AlertConsumerLoop;
import io.gmnstream.streamjobs.hooks.internal.AlertDecoder;
import io.gmnstream.streamjobs.hooks.internal.CloseableStack;
import io.gmnstream.streamjobs.hooks.internal.DeadLetterWriter;
import io.gmnstream.streamjobs.hooks.internal.DeliveryCompletion;
import io.gmnstream.streamjobs.hooks.internal.DeliveryFactory;
import io.gmnstream.streamjobs.hooks.internal.EndpointWorker;
import io.gmnstream.streamjobs.hooks.internal.ExponentialBackoff;
import io.gmnstream.streamjobs.hooks.internal.HooksMetrics;
import io.gmnstream.streamjobs.hooks.internal.KafkaClientProperties;
import io.gmnstream.streamjobs.hooks.internal.ServiceFailure;
import io.gmnstream.streamjobs.hooks.internal.WebhookDispatcher;
import io.gmnstream.streamjobs.hooks.internal.WebhookSender;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the run monitor's alerts to webhooks: reads {@code gmn.alerts}, POSTs every alert to
 * each endpoint that wants it (generic JSON or Slack, signed when the endpoint has a secret),
 * retries with exponential backoff, and dead-letters an alert an endpoint does not accept
 * (DELIVERY_FAILED) or a record that cannot be decoded.
 *
 * <p>Each endpoint has its own queue and thread, so a slow or failing endpoint does not delay
 * the others, with one exception: when an endpoint's queue is full, the partitions feeding it
 * pause until it has room, which bounds memory and also holds back those partitions' alerts for
 * the other endpoints.
 *
 * <p>At-least-once: offsets are committed only below the first alert with a delivery still under
 * way, so after a crash or restart those alerts are delivered again, with the same
 * {@value WebhookHeaders#DELIVERY} id for receivers to de-duplicate.
 *
 * <pre>{@code
 * try (AlertHooks hooks = AlertHooks.start(config, meterRegistry)) {
 *   ...  // runs on its own threads until closed
 * }
 * }</pre>
 */
public final class AlertHooks implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AlertHooks.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final AlertConsumerLoop loop;
  private final Thread consumerThread;
  private final ServiceFailure failure;
  private final CloseableStack resources;

  private AlertHooks(AlertConsumerLoop loop, ServiceFailure failure, CloseableStack resources) {
    this.loop = loop;
    this.failure = failure;
    this.resources = resources;
    this.consumerThread = new Thread(loop, "alert-hooks-consumer");
  }

  /**
   * Connects to Kafka and the registry and starts consuming; the caller closes the service. Meters
   * go into {@code meters} (which stays the caller's) and are removed again on close.
   */
  public static AlertHooks start(AlertHooksConfig config, MeterRegistry meters) {
    LOG.info("Starting alert hooks: {}", config);
    CloseableStack resources = new CloseableStack();
    try {
      SchemaRegistryClient registry = resources.push(SchemaRegistryClient.connect(config.registry()));
      HooksMetrics metrics = resources.push(new HooksMetrics(meters));
      KafkaProducer<byte[], byte[]> producer = resources.push(new KafkaProducer<>(
          KafkaClientProperties.producer(config.bootstrapServers(), config.kafkaProperties())));
      WebhookSender sender = resources.push(new WebhookSender(config.connectTimeout()));
      ServiceFailure failure = new ServiceFailure();
      DeliveryCompletion completion = new DeliveryCompletion(new DeadLetterWriter(producer,
          new AvroSerializer<DeadLetter>(registry, true), config.deadLetterTopic(), config.clock()),
          failure);
      WebhookDispatcher dispatcher = resources.push(new WebhookDispatcher(
          workers(config, sender, completion, metrics, failure), new DeliveryFactory()));
      // The loop owns the consumer: it is closed on the loop's thread, the only one using it.
      KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClientProperties.consumer(
          config.bootstrapServers(), config.groupId(), config.kafkaProperties()));
      AlertConsumerLoop loop = new AlertConsumerLoop(consumer, config.alertsTopic(),
          new AlertDecoder(new AvroDeserializer<>(RunAlert.class, registry)), dispatcher,
          completion, metrics, failure);
      AlertHooks hooks = new AlertHooks(loop, failure, resources);
      hooks.consumerThread.start();
      return hooks;
    } catch (RuntimeException e) {
      try {
        resources.close();
      } catch (RuntimeException closeFailure) {
        e.addSuppressed(closeFailure);
      }
      throw e;
    }
  }

  /** Whether the service is still consuming: false once closed or stopped by a fatal error. */
  public boolean isRunning() {
    return consumerThread.isAlive() && failure.get().isEmpty();
  }

  /**
   * The error that stopped the service, if one did (e.g. a dead letter that could not be
   * written); restart it once the cause is fixed; nothing is lost.
   */
  public Optional<Throwable> failure() {
    return failure.get();
  }

  /**
   * Stops consuming, commits what is finished, then stops the endpoint workers (deliveries under
   * way are abandoned and delivered again on the next start), flushes dead letters and closes
   * every client.
   */
  @Override
  public void close() {
    loop.stop();
    try {
      consumerThread.join(STOP_TIMEOUT.toMillis());
      if (consumerThread.isAlive()) {
        LOG.warn("The alert consumer did not stop within {}", STOP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      resources.close();
    }
    LOG.info("Alert hooks stopped");
  }

  private static List<EndpointWorker> workers(AlertHooksConfig config, WebhookSender sender,
      DeliveryCompletion completion, HooksMetrics metrics, ServiceFailure failure) {
    return config.endpoints().stream().map(endpoint -> new EndpointWorker(endpoint,
        config.queueCapacity(), config.maxAttempts(), sender,
        // One jitter stream per endpoint: endpoints failing together do not retry in lockstep.
        new ExponentialBackoff(config.initialBackoff(), config.maxBackoff(),
            config.jitterSeed() * 31 + endpoint.name().hashCode()),
        completion, metrics, failure)).toList();
  }
}
