package io.gmnstream.streamjobs.hooks.internal;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keeps the first bytes of a response body for the error detail (Slack says why it refused a
 * message there); the rest is read and dropped, so a large body costs no memory.
 */
final class ResponseSnippet implements Consumer<Optional<byte[]>> {

  static final int LIMIT = 300;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

  HttpResponse.BodyHandler<Void> handler() {
    return responseInfo -> HttpResponse.BodySubscribers.ofByteArrayConsumer(this);
  }

  @Override
  public synchronized void accept(Optional<byte[]> chunk) {
    chunk.ifPresent(bytes -> kept.write(bytes, 0, Math.min(bytes.length, LIMIT - kept.size())));
  }

  /** The kept text on one line, control characters blanked (it goes into logs). */
  synchronized String text() {
    return kept.toString(StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}+", " ").trim();
  }
}
