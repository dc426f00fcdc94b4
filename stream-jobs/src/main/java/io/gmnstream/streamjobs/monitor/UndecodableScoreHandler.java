package io.gmnstream.streamjobs.monitor;

import io.gmnstream.schemas.registry.SchemaRegistryException;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's deserialization exception handler. A record that cannot be decoded (bad framing,
 * unknown schema id, corrupt payload) is logged and skipped: the monitor only observes, the graph
 * builder already dead-letters bad input upstream, and one bad score must not stop alerting for
 * every run. A schema registry outage is not the record's fault, so it fails the stream thread
 * instead; {@link RunMonitor} replaces the thread, which resumes from the last commit and retries.
 */
public final class UndecodableScoreHandler implements DeserializationExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(UndecodableScoreHandler.class);

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
      Exception exception) {
    if (causedByRegistry(exception)) {
      LOG.error("Schema registry failed while decoding {}-{}@{}: failing the stream thread to retry",
          record.topic(), record.partition(), record.offset(), exception);
      return Response.fail();
    }
    LOG.warn("Skipping undecodable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
        exception.toString());
    return Response.resume();
  }

  private static boolean causedByRegistry(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof SchemaRegistryException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void configure(Map<String, ?> configs) {
    // nothing to configure
  }
}
