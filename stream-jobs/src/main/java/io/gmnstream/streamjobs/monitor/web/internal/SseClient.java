package io.gmnstream.streamjobs.monitor.web.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One event-stream connection: a bounded queue of frames that the {@link SseHub} fills without ever
 * waiting, and that the client's own HTTP thread drains to the socket. A client whose queue is full is
 * disconnected: the browser reconnects and reloads, which beats a feed held up by its slowest reader.
 *
 * <p>Close it when the response ends: that gives its place back to the hub.
 */
public final class SseClient implements AutoCloseable {

  /** Sent first: browsers reconnect this many milliseconds after the stream breaks. */
  private static final byte[] PREAMBLE = "retry: 3000\n: connected\n\n".getBytes(StandardCharsets.UTF_8);
  /** A comment line: ignored by EventSource, keeps proxies from closing an idle stream. */
  private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);
  /** Wakes a writer waiting for frames; compared by identity. */
  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> frames;
  private final Duration heartbeat;
  private final Consumer<SseClient> onClose;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean disconnected;

  SseClient(int queueCapacity, Duration heartbeat, Consumer<SseClient> onClose) {
    this.frames = new ArrayBlockingQueue<>(queueCapacity);
    this.heartbeat = heartbeat;
    this.onClose = onClose;
  }

  /** Queues a frame without waiting; false (and disconnected) when the client is too far behind. */
  boolean offer(byte[] frame) {
    if (disconnected) {
      return false;
    }
    if (!frames.offer(frame)) {
      disconnect();
      return false;
    }
    return true;
  }

  /** Ends the stream after the frame being written, if any; what is still queued is dropped. */
  void disconnect() {
    disconnected = true;
    frames.clear();
    frames.offer(END);
  }

  boolean isDisconnected() {
    return disconnected;
  }

  /**
   * Writes the preamble, then frames as they come and a heartbeat whenever none came for a heartbeat
   * interval, until disconnected. Blocks the calling (HTTP) thread.
   *
   * @throws IOException when the client has gone away
   */
  public void stream(OutputStream out) throws IOException, InterruptedException {
    write(out, PREAMBLE);
    while (!disconnected) {
      byte[] frame = frames.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
      if (disconnected || frame == END) {
        return;
      }
      write(out, frame == null ? HEARTBEAT : frame);
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      disconnect();
      onClose.accept(this);
    }
  }

  private static void write(OutputStream out, byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush(); // each event goes out now, not when a buffer fills
  }
}
