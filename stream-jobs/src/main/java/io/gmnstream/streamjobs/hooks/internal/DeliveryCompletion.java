package io.gmnstream.streamjobs.hooks.internal;

import io.gmnstream.schemas.avro.DeadLetterReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes deliveries so that their offsets can be committed: a delivered alert at once, a
 * failed one only after its dead letter is on the broker. A dead letter that cannot be written
 * stops the service rather than be dropped: its offset stays uncommitted, so a restart retries.
 */
public final class DeliveryCompletion implements DeliveryListener {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryCompletion.class);

  private final DeadLetterWriter deadLetters;
  private final ServiceFailure failure;

  public DeliveryCompletion(DeadLetterWriter deadLetters, ServiceFailure failure) {
    this.deadLetters = deadLetters;
    this.failure = failure;
  }

  @Override
  public void onFinished(AlertDelivery delivery, DeliveryOutcome outcome) {
    if (outcome instanceof DeliveryOutcome.Failed failed) {
      LOG.warn("Dead-lettering {}: {}", delivery, failed.detail());
      deadLetterThenFinish(delivery.source(), DeadLetterReason.DELIVERY_FAILED, failed.detail(),
          delivery.pending());
    } else {
      delivery.pending().finishOne();
    }
  }

  /** Writes the dead letter, then counts the record's delivery as finished. */
  public void deadLetterThenFinish(AlertSource source, DeadLetterReason reason, String detail,
      PendingRecord pending) {
    deadLetters.write(source, reason, detail).whenComplete((written, error) -> {
      if (error == null) {
        pending.finishOne();
      } else {
        LOG.error("Cannot write the dead letter of {} ({}); stopping so that a restart retries it",
            source, reason, error);
        failure.report(error);
      }
    });
  }
}
