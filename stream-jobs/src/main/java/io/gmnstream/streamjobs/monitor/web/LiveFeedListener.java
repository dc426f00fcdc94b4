package io.gmnstream.streamjobs.monitor.web;

import io.gmnstream.schemas.avro.GmnScore;
import io.gmnstream.schemas.avro.RunAlert;

/**
 * Told of each score and alert the {@link LiveFeed} reads, on the feed's thread and in topic order per
 * partition. Implementations must return quickly (hand work to a queue): a slow listener delays every
 * other one. An exception is logged and does not stop the feed.
 */
public interface LiveFeedListener {

  default void onScore(GmnScore score) {}

  default void onAlert(RunAlert alert) {}
}
