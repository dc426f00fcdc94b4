package io.gmnstream.operator.service;

import java.util.Optional;

/**
 * A snapshot of a running scoring service.
 *
 * @param graphsScored          scores committed to the scores topic
 * @param deadLettered          records committed to the dead-letter topic
 * @param batches               forward passes run
 * @param transactionsCommitted Kafka transactions committed (one per micro-batch)
 * @param modelVersion          the version of the model scoring now
 * @param device                the device the model runs on, e.g. {@code cpu} or {@code gpu:0}
 * @param lastError             the last error the scoring loop met (and recovered from, unless it stopped)
 */
public record ServiceStats(long graphsScored, long deadLettered, long batches, long transactionsCommitted,
                           String modelVersion, String device, Optional<String> lastError) {
}
