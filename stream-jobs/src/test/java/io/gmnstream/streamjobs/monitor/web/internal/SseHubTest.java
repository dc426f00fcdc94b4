package io.gmnstream.streamjobs.monitor.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gmnstream.schemas.avro.GmnScore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fan-out to event-stream clients, with in-memory streams standing in for sockets. */
@Timeout(60)
class SseHubTest {
  private static final Duration NO_HEARTBEAT_IN_TEST = Duration.ofMinutes(10);

  private final ExecutorService writers = Executors.newCachedThreadPool();

  @AfterEach
  void stopWriters() {
    writers.shutdownNow();
  }

  /** An output whose writes block until released: a client that stopped reading. */
  private static final class StalledOutput extends OutputStream {
    final CountDownLatch released = new CountDownLatch(1);

    @Override
    public void write(int b) throws IOException {
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("stalled write interrupted");
      }
    }
  }

  @Test
  void shouldDropAClientThatFallsBehindWithoutHoldingUpAnother() throws Exception {
    SseHub hub = new SseHub(4, 3, NO_HEARTBEAT_IN_TEST);
    SseClient slow = hub.connect().orElseThrow();
    SseClient fast = hub.connect().orElseThrow();
    StalledOutput stalled = new StalledOutput();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    Future<?> slowWriter = stream(slow, stalled);
    stream(fast, received);

    for (int step = 0; step < 10; step++) {
      hub.onScore(score(step)); // returns at once, whatever the stalled client does
      String expected = "\"step\":" + step + ",";
      awaitContains(received, expected);
    }

    assertThat(slow.isDisconnected()).isTrue();
    assertThat(fast.isDisconnected()).isFalse();
    stalled.released.countDown();
    slowWriter.get(30, TimeUnit.SECONDS);
    assertThat(hub.clients()).as("the dropped client's place is free once its thread ends").isEqualTo(1);
  }

  @Test
  void shouldRefuseClientsBeyondTheMaximumUntilOneLeaves() {
    SseHub hub = new SseHub(1, 8, NO_HEARTBEAT_IN_TEST);
    SseClient first = hub.connect().orElseThrow();

    Optional<SseClient> second = hub.connect();
    first.close();
    Optional<SseClient> third = hub.connect();

    assertThat(second).isEmpty();
    assertThat(third).isPresent();
  }

  @Test
  void shouldEndEveryStreamWhenClosed() throws Exception {
    SseHub hub = new SseHub(4, 8, NO_HEARTBEAT_IN_TEST);
    SseClient client = hub.connect().orElseThrow();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    Future<?> writer = stream(client, received);
    awaitContains(received, ": connected");

    hub.close();

    writer.get(30, TimeUnit.SECONDS);
    assertThat(hub.connect()).isEmpty();
  }

  @Test
  void shouldFrameAnEventAsOneDataLineOfJson() {
    byte[] frame = SseHub.frame("score", Map.of("runId", "a\nb"));

    assertThat(new String(frame, StandardCharsets.UTF_8)).isEqualTo("event: score\ndata: {\"runId\":\"a\\nb\"}\n\n");
  }

  private Future<?> stream(SseClient client, OutputStream out) {
    return writers.submit(() -> {
      try (client) {
        client.stream(out);
      }
      return null;
    });
  }

  private static void awaitContains(ByteArrayOutputStream received, String expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!received.toString(StandardCharsets.UTF_8).contains(expected)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + expected + " in " + received.toString(StandardCharsets.UTF_8));
      }
      Thread.sleep(10);
    }
  }

  private static GmnScore score(long step) {
    return GmnScore.newBuilder().setRunId("run-1").setStep(step).setModelId("m").setModelVersion("1")
        .setPredictedTestAccuracy(0.5).setPredictedGeneralizationGap(0.1).setFlags(List.of()).setDevice("cpu")
        .setBatchSize(1).setCheckpointCreatedAtMillis(Instant.EPOCH).setScoredAtMillis(Instant.EPOCH)
        .setScoringMillis(1).setTask("mnist").setMetrics(Map.of()).build();
  }
}
