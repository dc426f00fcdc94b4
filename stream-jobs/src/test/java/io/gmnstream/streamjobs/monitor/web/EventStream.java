package io.gmnstream.streamjobs.monitor.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A text/event-stream client, as a browser's EventSource reads it: lines are read on a thread of their
 * own and assembled into events ({@code event:} + {@code data:} up to a blank line); comment lines
 * are kept too, to see heartbeats.
 */
final class EventStream implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One event; {@code data} parsed as JSON. */
  record Event(String type, JsonNode data) {}

  final HttpResponse<Stream<String>> response;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
  private final Thread reader;
  private volatile Exception endedBy;

  private EventStream(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.reader = new Thread(this::read, "test-event-stream");
    reader.setDaemon(true);
    reader.start();
  }

  /** Connects; returns once the response headers are in (for any status). */
  static EventStream open(Http http, String pathAndQuery, String... headers) throws IOException, InterruptedException {
    HttpRequest request = http.request(pathAndQuery, headers).timeout(Duration.ofMinutes(5)).GET().build();
    return new EventStream(Http.client().send(request, HttpResponse.BodyHandlers.ofLines()));
  }

  /** The next event that matches, skipping others; fails at the deadline. */
  Event next(Predicate<Event> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
    List<Event> skipped = new ArrayList<>();
    while (true) {
      Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (event == null) {
        throw new AssertionError("no matching event within " + Await.TIMEOUT + "; got " + skipped
            + (endedBy == null ? "" : "; the stream ended with " + endedBy));
      }
      if (wanted.test(event)) {
        return event;
      }
      skipped.add(event);
    }
  }

  /** The next comment line (without the colon), failing at the deadline. */
  String nextComment() throws InterruptedException {
    String comment = comments.poll(Await.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
    if (comment == null) {
      throw new AssertionError("no comment line within " + Await.TIMEOUT);
    }
    return comment;
  }

  private void read() {
    String type = "message";
    StringBuilder data = new StringBuilder();
    try (Stream<String> lines = response.body()) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            events.add(new Event(type, JSON.readTree(data.toString())));
          }
          type = "message";
          data.setLength(0);
        } else if (line.startsWith(":")) {
          comments.add(line.substring(1).trim());
        } else if (line.startsWith("event:")) {
          type = line.substring("event:".length()).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring("data:".length()).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      // Expected when the test closes the stream; kept for the failure message otherwise.
      endedBy = e;
    }
  }

  @Override
  public void close() {
    response.body().close();
    reader.interrupt();
  }
}
