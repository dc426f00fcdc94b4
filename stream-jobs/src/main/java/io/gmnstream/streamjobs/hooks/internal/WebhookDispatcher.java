package io.gmnstream.streamjobs.hooks.internal;

import io.gmnstream.schemas.avro.RunAlert;
import java.util.List;

/** Fans an alert out to the workers of the endpoints that want it. Owns (and closes) the workers. */
public final class WebhookDispatcher implements AutoCloseable {

  private final List<EndpointWorker> workers;
  private final DeliveryFactory deliveries;

  public WebhookDispatcher(List<EndpointWorker> workers, DeliveryFactory deliveries) {
    this.workers = List.copyOf(workers);
    this.deliveries = deliveries;
  }

  /** The workers of the endpoints this alert goes to (by minimum severity); may be none. */
  public List<EndpointWorker> targetsOf(RunAlert alert) {
    return workers.stream().filter(w -> w.endpoint().accepts(alert.getSeverity())).toList();
  }

  /** Submits one delivery per target; the caller has checked that each has room. */
  public void dispatch(AlertSource source, RunAlert alert, List<EndpointWorker> targets,
      PendingRecord pending) {
    for (EndpointWorker worker : targets) {
      worker.submit(deliveries.create(source, alert, worker.endpoint(), pending));
    }
  }

  @Override
  public void close() {
    workers.forEach(EndpointWorker::close);
  }
}
