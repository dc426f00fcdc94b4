package io.gmnstream.streamjobs.hooks.internal;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends delivery attempts asynchronously and classifies how they ended; never blocks the caller.
 * One client serves every endpoint: it keeps a connection pool per host, so a slow endpoint holds
 * only its own connections.
 */
public final class WebhookSender implements AutoCloseable {

  private final ExecutorService executor;
  private final HttpClient client;

  public WebhookSender(Duration connectTimeout) {
    // Java 17's HttpClient has no close(): owning its executor is how its threads get stopped.
    AtomicInteger threads = new AtomicInteger();
    this.executor = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "alert-hooks-http-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.client = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        // HTTP/1.1: an h2c upgrade offer on plain http confuses some receivers and proxies.
        .version(HttpClient.Version.HTTP_1_1)
        .executor(executor)
        .build();
  }

  /** One attempt; the future always completes normally, failures included. */
  public CompletableFuture<AttemptResult> send(AlertDelivery delivery) {
    ResponseSnippet snippet = new ResponseSnippet();
    Duration timeout = delivery.endpoint().requestTimeout();
    return client.sendAsync(WebhookRequests.build(delivery), snippet.handler())
        // The request timeout stops once headers arrive; this bounds a body that never ends too.
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle((response, failure) -> failure != null
            ? ResponseClassifier.classify(failure, timeout)
            : classify(response, snippet));
  }

  private static AttemptResult classify(HttpResponse<Void> response, ResponseSnippet snippet) {
    return ResponseClassifier.classify(response.statusCode(),
        response.headers().firstValue("Retry-After"), snippet.text());
  }

  /** Stops the client's threads; attempts still in flight never complete. */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
