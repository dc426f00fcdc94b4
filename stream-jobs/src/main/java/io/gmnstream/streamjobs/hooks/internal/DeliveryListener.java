package io.gmnstream.streamjobs.hooks.internal;

/** Told once per delivery when it ends; called on the endpoint's worker thread, must not block. */
@FunctionalInterface
public interface DeliveryListener {

  void onFinished(AlertDelivery delivery, DeliveryOutcome outcome);
}
