package io.gmnstream.streamjobs.monitor.web.internal;

import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.streamjobs.monitor.web.LiveFeedListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans the live feed out to the event-stream clients: {@code event: score} with a {@link ScoreView}
 * and {@code event: alert} with an {@link AlertView}, JSON in the data line. Each event is encoded
 * once and queued to every client without waiting, so the feed never waits for a browser.
 *
 * <p>A client dropped for falling behind keeps its place until its HTTP thread ends (when its
 * connection fails), so the number of threads held by event streams never exceeds the maximum.
 */
public final class SseHub implements LiveFeedListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SseHub.class);

  private final int maxClients;
  private final int queueCapacity;
  private final Duration heartbeat;
  /** Clients that get events. */
  private final Set<SseClient> receiving = ConcurrentHashMap.newKeySet();
  /** Clients whose connection is still open, receiving or not; guarded by this. */
  private int connected;
  private boolean closed;

  public SseHub(int maxClients, int queueCapacity, Duration heartbeat) {
    this.maxClients = maxClients;
    this.queueCapacity = queueCapacity;
    this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
  }

  /** A new client receiving every event from now on, or empty when the hub is full or closed. */
  public synchronized Optional<SseClient> connect() {
    if (closed || connected >= maxClients) {
      return Optional.empty();
    }
    connected++;
    SseClient client = new SseClient(queueCapacity, heartbeat, this::release);
    receiving.add(client);
    return Optional.of(client);
  }

  /** Connections open now. */
  public synchronized int clients() {
    return connected;
  }

  public int maxClients() {
    return maxClients;
  }

  @Override
  public void onScore(GmnScore score) {
    broadcast("score", score, ScoreView::of);
  }

  @Override
  public void onAlert(RunAlert alert) {
    broadcast("alert", alert, AlertView::of);
  }

  /** Ends every stream; later connections are refused. */
  @Override
  public synchronized void close() {
    closed = true;
    receiving.forEach(SseClient::disconnect);
    receiving.clear();
  }

  /** An event in the text/event-stream format; compact JSON has no raw newline, so one data line. */
  static byte[] frame(String event, Object data) {
    return ("event: " + event + "\ndata: " + DashboardJson.string(data) + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  private <T> void broadcast(String event, T record, Function<T, ?> view) {
    if (receiving.isEmpty()) {
      return; // nobody watching: skip the encoding
    }
    byte[] frame = frame(event, view.apply(record));
    for (SseClient client : receiving) {
      if (!client.offer(frame)) {
        receiving.remove(client);
        LOG.warn("Disconnected an event-stream client that fell {} events behind", queueCapacity);
      }
    }
  }

  private synchronized void release(SseClient client) {
    receiving.remove(client);
    connected--;
  }
}
