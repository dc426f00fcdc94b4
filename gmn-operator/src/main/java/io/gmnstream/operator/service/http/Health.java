package io.gmnstream.operator.service.http;

/**
 * What /healthz reports.
 *
 * @param up whether the scoring loop is running
 */
public record Health(boolean up, String device, String modelVersion) {
}
