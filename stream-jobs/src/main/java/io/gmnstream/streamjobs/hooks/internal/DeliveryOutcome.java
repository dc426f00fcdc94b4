package io.gmnstream.streamjobs.hooks.internal;

/** How a delivery ended, after all its attempts. */
public sealed interface DeliveryOutcome {

  /** Attempts made, the successful one included. */
  int attempts();

  /** The endpoint accepted the alert. */
  record Delivered(int attempts, int status) implements DeliveryOutcome {}

  /**
   * The endpoint did not accept the alert: it refused it, or every attempt failed.
   *
   * @param detail what happened and how to fix it, for the dead letter
   */
  record Failed(int attempts, String detail) implements DeliveryOutcome {}
}
