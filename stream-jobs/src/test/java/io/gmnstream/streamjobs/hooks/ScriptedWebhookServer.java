package io.gmnstream.streamjobs.hooks;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 (port 0) that tests script per path: each request gets the
 * next scripted reply for its path (200 once the script runs out) and is recorded, body bytes
 * and headers as received, before it is answered.
 */
public final class ScriptedWebhookServer implements AutoCloseable {

  /** A request as received. */
  public record Received(String path, Headers headers, byte[] body) {
    public String header(String name) {
      return headers.getFirst(name);
    }
  }

  /** How the server answers one request. */
  @FunctionalInterface
  public interface Reply {
    void answer(HttpExchange exchange) throws IOException, InterruptedException;
  }

  private final HttpServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  /** Released on close, so handlers that hang let the server stop. */
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Map<String, Deque<Reply>> scripts = new HashMap<>();
  private final List<Received> received = new ArrayList<>();

  private ScriptedWebhookServer(HttpServer server) {
    this.server = server;
    // Handlers run in parallel: one blocked handler must not stall the other endpoints.
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
  }

  public static ScriptedWebhookServer start() {
    try {
      return new ScriptedWebhookServer(HttpServer.create(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Reply status(int status) {
    return status(status, Map.of());
  }

  public static Reply status(int status, Map<String, String> headers) {
    return exchange -> {
      headers.forEach(exchange.getResponseHeaders()::set);
      exchange.sendResponseHeaders(status, -1);
    };
  }

  /** Answers 200 only once the latch is released (or the server closes). */
  public static Reply blockUntil(CountDownLatch release) {
    return exchange -> {
      release.await();
      exchange.sendResponseHeaders(200, -1);
    };
  }

  /** Never answers while the test runs: the client's timeout must fire. */
  public Reply hang() {
    return blockUntil(closing);
  }

  /** The URL of a path on this server, e.g. {@code /ops}. */
  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** Queues replies for the next requests to the path. */
  public synchronized void script(String path, Reply... replies) {
    scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(replies));
  }

  /** Every request to the path received so far, in arrival order. */
  public synchronized List<Received> received(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Waits until the path has received at least {@code count} requests; fails at the deadline. */
  public synchronized List<Received> awaitReceived(String path, int count, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (received(path).size() < count) {
      long left = Duration.between(Instant.now(), deadline).toMillis();
      if (left <= 0) {
        throw new AssertionError("expected " + count + " requests to " + path + " within "
            + timeout + ", got " + received(path).size());
      }
      wait(left);
    }
    return received(path);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Headers headers = new Headers();
      headers.putAll(exchange.getRequestHeaders());
      Reply reply = record(new Received(path, headers, exchange.getRequestBody().readAllBytes()));
      reply.answer(exchange);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized Reply record(Received request) {
    received.add(request);
    notifyAll();
    Deque<Reply> script = scripts.get(request.path());
    return script == null || script.isEmpty() ? status(200) : script.poll();
  }

  @Override
  public void close() throws InterruptedException {
    closing.countDown();
    server.stop(0);
    handlers.shutdownNow();
    handlers.awaitTermination(5, TimeUnit.SECONDS);
  }
}
