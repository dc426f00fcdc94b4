package io.gmnstream.streamjobs.monitor.web.internal;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outermost filter of every endpoint: a handler that throws is logged and answered 500 (400 for a
 * {@link BadRequestException}, 503 with Retry-After while Kafka Streams cannot query its stores)
 * instead of leaving the client hanging, and the exchange is always closed. Logs name the path only: a query may carry an access token.
 */
public final class ErrorGuardFilter extends Filter {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorGuardFilter.class);
  private static final String RETRY_AFTER_SECONDS = "1";

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    try {
      chain.doFilter(exchange);
    } catch (BadRequestException e) {
      answer(exchange, 400, e.getMessage());
    } catch (InvalidStateStoreException e) {
      // Kafka Streams is starting or rebalancing: the run's store is moving, not lost.
      LOG.debug("{} {}: state store not queryable yet", exchange.getRequestMethod(),
          exchange.getRequestURI().getPath(), e);
      exchange.getResponseHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
      answer(exchange, 503, "the monitor is starting or rebalancing its runs; retry in a moment");
    } catch (IOException e) {
      // Almost always the client going away mid-response; nothing to answer.
      LOG.debug("{} {}: I/O error talking to the client", exchange.getRequestMethod(),
          exchange.getRequestURI().getPath(), e);
    } catch (RuntimeException e) {
      LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
      answer(exchange, 500, "internal error (" + e.getClass().getSimpleName() + "); see the monitor's log");
    } finally {
      exchange.close();
    }
  }

  @Override
  public String description() {
    return "answers 500 for a failed handler and closes every exchange";
  }

  private static void answer(HttpExchange exchange, int status, String message) throws IOException {
    if (exchange.getResponseCode() == -1) { // nothing sent yet: the status line is still ours to write
      HttpResponses.error(exchange, status, message);
    }
  }
}
