/**
 * The GMN operator's scoring service: {@link io.gmnstream.operator.service.ScoringService} consumes
 * parameter graphs from {@code gmn.graphs}, scores them with the GMN and publishes the scores to
 * {@code gmn.scores}, exactly once.
 *
 * <p>How a record travels: {@code intake} decodes it (or refuses it with a dead-letter reason) and
 * gathers micro-batches; {@code scoring} runs the model, splitting a batch that fails so that one
 * graph cannot sink the others, and hot-swaps new model versions; {@code loop} publishes each batch's
 * scores, dead letters and consumer offsets in one Kafka transaction and rewinds on failure;
 * {@code metrics} and {@code http} expose {@code /metrics} (Prometheus) and {@code /healthz}.
 *
 * <p>Instances scale out within one consumer group. Each needs its own transactional id, stable
 * across its restarts (a StatefulSet pod name): it doubles as the static group member id, so a
 * restarted instance fences its former self and takes its partitions back at once.
 */
package io.gmnstream.operator.service;
