package io.gmnstream.streamjobs.hooks.internal;

import static io.gmnstream.streamjobs.hooks.ScriptedWebhookServer.blockUntil;
import static io.gmnstream.streamjobs.hooks.ScriptedWebhookServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmnstream.schemas.avro.DeadLetter;
import io.gmnstream.schemas.avro.DeadLetterReason;
import io.gmnstream.streamjobs.hooks.BodyFormat;
import io.gmnstream.streamjobs.hooks.ScriptedWebhookServer;
import io.gmnstream.streamjobs.hooks.ScriptedWebhookServer.Received;
import io.gmnstream.streamjobs.hooks.TestAlerts;
import io.gmnstream.streamjobs.hooks.WebhookEndpoint;
import io.gmnstream.streamjobs.hooks.WebhookHeaders;
import io.gmnstream.streamjobs.hooks.WebhookSignature;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One endpoint worker against a real local HTTP server that fails, times out and recovers. */
class EndpointWorkerTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final Duration FAST_BACKOFF = Duration.ofMillis(20);
  private static final long SEED = 42;
  private static final Instant NOW = Instant.parse("2025-03-01T13:00:00Z");
  private static final byte[] ORIGINAL_VALUE = {0, 0, 0, 0, 7, 1, 2, 3};

  private record Finished(AlertDelivery delivery, DeliveryOutcome outcome) {}

  /** What a worker asked of its schedule, and what it got. */
  private record Retry(int failedAttempts, Optional<Duration> retryAfter, Duration delay) {}

  private final ObjectMapper mapper = new ObjectMapper();
  private final BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
  private final List<Retry> retries = new CopyOnWriteArrayList<>();
  private final List<EndpointWorker> workers = new ArrayList<>();
  private final ServiceFailure failure = new ServiceFailure();
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final DeliveryCompletion completion = new DeliveryCompletion(new DeadLetterWriter(producer,
      (topic, letter) -> bytes(letter), "gmn.dead-letters", Clock.fixed(NOW, ZoneOffset.UTC)), failure);
  private final HooksMetrics metrics = new HooksMetrics(new SimpleMeterRegistry());
  private final DeliveryFactory deliveries = new DeliveryFactory();
  private ScriptedWebhookServer server;
  private WebhookSender sender;

  @BeforeEach
  void start() {
    server = ScriptedWebhookServer.start();
    sender = new WebhookSender(Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() throws InterruptedException {
    workers.forEach(EndpointWorker::close);
    sender.close();
    server.close();
    assertThat(failure.get()).isEmpty();
  }

  @Test
  void shouldDeliverSignedJsonBodyWhenEndpointHasASecret() throws Exception {
    WebhookEndpoint endpoint = endpoint("/json", BodyFormat.JSON).withSecret("s3cret");
    AlertDelivery delivery = delivery(endpoint, 0);

    worker(endpoint, 3).submit(delivery);

    assertThat(awaitFinished().outcome()).isEqualTo(new DeliveryOutcome.Delivered(1, 200));
    Received request = server.received("/json").get(0);
    JsonNode body = mapper.readTree(request.body());
    assertThat(body.get("alertId").asText()).isEqualTo("a-0");
    assertThat(body.get("raisedAt").asText()).isEqualTo("2025-03-01T12:30:00Z");
    assertThat(request.header(WebhookHeaders.EVENT)).isEqualTo("alert");
    assertThat(request.header(WebhookHeaders.DELIVERY)).isEqualTo(delivery.deliveryId());
    assertThat(request.header("Content-Type")).startsWith("application/json");
    String signature = request.header(WebhookHeaders.SIGNATURE);
    assertThat(signature).matches("sha256=[0-9a-f]{64}");
    assertThat(WebhookSignature.verify("s3cret", request.body(), signature)).isTrue();
    assertThat(WebhookSignature.verify("another-secret", request.body(), signature)).isFalse();
  }

  @Test
  void shouldDeliverUnsignedSlackBodyWhenFormatIsSlackWithoutSecret() throws Exception {
    WebhookEndpoint endpoint = endpoint("/slack", BodyFormat.SLACK);

    worker(endpoint, 3).submit(delivery(endpoint, 0));

    assertThat(awaitFinished().outcome()).isInstanceOf(DeliveryOutcome.Delivered.class);
    Received request = server.received("/slack").get(0);
    JsonNode body = mapper.readTree(request.body());
    assertThat(body.get("text").asText()).startsWith("[CRITICAL] accuracy_collapse");
    assertThat(body.get("attachments").get(0).get("color").asText()).startsWith("#");
    assertThat(request.header(WebhookHeaders.SIGNATURE)).isNull();
  }

  @Test
  void shouldDeliverOnThirdAttemptWithOneDeliveryIdWhenEndpointFailsTwice() throws Exception {
    WebhookEndpoint endpoint = endpoint("/flaky", BodyFormat.JSON).withSecret("s3cret");
    server.script("/flaky", status(500), status(500));
    AlertDelivery delivery = delivery(endpoint, 0);

    worker(endpoint, 5).submit(delivery);

    assertThat(awaitFinished().outcome()).isEqualTo(new DeliveryOutcome.Delivered(3, 200));
    List<Received> attempts = server.received("/flaky");
    assertThat(attempts).hasSize(3).allSatisfy(attempt -> {
      assertThat(attempt.header(WebhookHeaders.DELIVERY)).isEqualTo(delivery.deliveryId());
      assertThat(attempt.body()).isEqualTo(delivery.body());
      assertThat(WebhookSignature.verify("s3cret", attempt.body(), attempt.header(WebhookHeaders.SIGNATURE))).isTrue();
    });
    ExponentialBackoff sameSeed = new ExponentialBackoff(FAST_BACKOFF, Duration.ofSeconds(1), SEED);
    Duration first = sameSeed.delayBeforeRetry(1, Optional.empty());
    Duration second = sameSeed.delayBeforeRetry(2, Optional.empty());
    assertThat(retries).containsExactly(
        new Retry(1, Optional.empty(), first), new Retry(2, Optional.empty(), second));
    assertThat(second).isGreaterThan(first);
  }

  @Test
  void shouldDeliverWhenEndpointTimesOutThenRecovers() throws Exception {
    WebhookEndpoint endpoint = endpoint("/slow", BodyFormat.JSON).withRequestTimeout(Duration.ofMillis(300));
    server.script("/slow", server.hang());

    worker(endpoint, 3).submit(delivery(endpoint, 0));

    assertThat(awaitFinished().outcome()).isEqualTo(new DeliveryOutcome.Delivered(2, 200));
    assertThat(server.received("/slow")).hasSize(2);
  }

  @Test
  void shouldHonourRetryAfterCappedWhenEndpointAnswers429() throws Exception {
    WebhookEndpoint endpoint = endpoint("/busy", BodyFormat.JSON);
    server.script("/busy", status(429, Map.of("Retry-After", "1")));

    worker(endpoint, 3).submit(delivery(endpoint, 0));

    assertThat(awaitFinished().outcome()).isEqualTo(new DeliveryOutcome.Delivered(2, 200));
    assertThat(retries).containsExactly(
        new Retry(1, Optional.of(Duration.ofSeconds(1)), Duration.ofSeconds(1)));
  }

  @Test
  void shouldDeadLetterOriginalBytesAfterMaxAttemptsWhenEndpointAlwaysFails() throws Exception {
    WebhookEndpoint endpoint = endpoint("/down", BodyFormat.JSON);
    server.script("/down", IntStream.range(0, 10).mapToObj(i -> status(503))
        .toArray(ScriptedWebhookServer.Reply[]::new));
    AlertDelivery delivery = delivery(endpoint, 41);

    worker(endpoint, 4).submit(delivery);

    DeliveryOutcome outcome = awaitFinished().outcome();
    assertThat(outcome).isInstanceOf(DeliveryOutcome.Failed.class);
    assertThat(outcome.attempts()).isEqualTo(4);
    assertThat(server.received("/down")).hasSize(4);
    assertThat(producer.history()).hasSize(1);
    DeadLetter letter = DeadLetter.fromByteBuffer(ByteBuffer.wrap(producer.history().get(0).value()));
    assertThat(letter.getReason()).isEqualTo(DeadLetterReason.DELIVERY_FAILED);
    assertThat(letter.getValue().array()).isEqualTo(ORIGINAL_VALUE);
    assertThat(letter.getKey().array()).isEqualTo("run-7".getBytes(StandardCharsets.UTF_8));
    assertThat(letter.getSourceTopic()).isEqualTo("gmn.alerts");
    assertThat(letter.getSourcePartition()).isEqualTo(2);
    assertThat(letter.getSourceOffset()).isEqualTo(41);
    assertThat(letter.getComponent()).isEqualTo("alert-hooks");
    assertThat(letter.getFailedAtMillis()).isEqualTo(NOW);
    assertThat(letter.getDetail()).contains("webhook 'down'", "after 4 attempts", "HTTP 503");
    assertThat(delivery.pending().progress().committableOffset())
        .as("dead-lettered counts as finished").hasValue(42);
  }

  @Test
  void shouldDeadLetterAtOnceWithoutRetryWhenEndpointAnswers400() throws Exception {
    WebhookEndpoint endpoint = endpoint("/bad", BodyFormat.SLACK);
    server.script("/bad", exchange -> {
      byte[] reason = "invalid_blocks".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(400, reason.length);
      exchange.getResponseBody().write(reason);
    });

    worker(endpoint, 5).submit(delivery(endpoint, 0));

    DeliveryOutcome outcome = awaitFinished().outcome();
    assertThat(outcome).isInstanceOf(DeliveryOutcome.Failed.class);
    assertThat(((DeliveryOutcome.Failed) outcome).detail())
        .contains("webhook 'bad'", "HTTP 400: invalid_blocks", "not retried");
    assertThat(server.received("/bad")).hasSize(1);
    assertThat(retries).isEmpty();
    assertThat(producer.history()).hasSize(1);
  }

  @Test
  void shouldDeliverEveryAlertToFastEndpointWhileSlowEndpointIsBlocked() throws Exception {
    int alerts = 5;
    CountDownLatch release = new CountDownLatch(1);
    WebhookEndpoint slow = endpoint("/blocked", BodyFormat.JSON).withRequestTimeout(Duration.ofMinutes(1));
    WebhookEndpoint fast = endpoint("/fast", BodyFormat.JSON);
    server.script("/blocked", IntStream.range(0, alerts).mapToObj(i -> blockUntil(release))
        .toArray(ScriptedWebhookServer.Reply[]::new));
    EndpointWorker slowWorker = worker(slow, 1);
    EndpointWorker fastWorker = worker(fast, 1);

    for (int i = 0; i < alerts; i++) {
      slowWorker.submit(delivery(slow, i));
      fastWorker.submit(delivery(fast, i));
    }

    assertThat(server.awaitReceived("/fast", alerts, DEADLINE)).hasSize(alerts);
    assertThat(server.received("/blocked")).as("one at a time: the first is still blocked").hasSize(1);
    assertThat(slowWorker.depth()).isEqualTo(alerts);
    release.countDown();
    assertThat(server.awaitReceived("/blocked", alerts, DEADLINE)).hasSize(alerts);
    for (int i = 0; i < 2 * alerts; i++) {
      assertThat(awaitFinished().outcome()).isInstanceOf(DeliveryOutcome.Delivered.class);
    }
  }

  private WebhookEndpoint endpoint(String path, BodyFormat format) {
    return WebhookEndpoint.of(path.substring(1), server.url(path), format);
  }

  private EndpointWorker worker(WebhookEndpoint endpoint, int maxAttempts) {
    ExponentialBackoff backoff = new ExponentialBackoff(FAST_BACKOFF, Duration.ofSeconds(1), SEED);
    RetrySchedule recording = (failed, retryAfter) -> {
      Duration delay = backoff.delayBeforeRetry(failed, retryAfter);
      retries.add(new Retry(failed, retryAfter, delay));
      return delay;
    };
    EndpointWorker worker = new EndpointWorker(endpoint, 100, maxAttempts, sender, recording,
        (delivery, outcome) -> {
          completion.onFinished(delivery, outcome);
          finished.add(new Finished(delivery, outcome));
        }, metrics, failure);
    workers.add(worker);
    return worker;
  }

  private AlertDelivery delivery(WebhookEndpoint endpoint, long offset) {
    AlertSource source = new AlertSource("gmn.alerts", 2, offset,
        "run-7".getBytes(StandardCharsets.UTF_8), ORIGINAL_VALUE);
    PendingRecord pending = new PartitionProgress().register(offset, 1);
    return deliveries.create(source, TestAlerts.critical("a-" + offset), endpoint, pending);
  }

  private Finished awaitFinished() throws InterruptedException {
    Finished next = finished.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(next).as("a delivery finished within %s", DEADLINE).isNotNull();
    return next;
  }

  private static byte[] bytes(DeadLetter letter) {
    try {
      ByteBuffer buffer = letter.toByteBuffer();
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
