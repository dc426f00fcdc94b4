/**
 * Alert hooks: webhook delivery of the run monitor's alerts from {@code gmn.alerts}.
 *
 * <p>{@link io.gmnstream.streamjobs.hooks.AlertHooks} is the service, configured by
 * {@link io.gmnstream.streamjobs.hooks.AlertHooksConfig} and its
 * {@link io.gmnstream.streamjobs.hooks.WebhookEndpoint}s. Receivers find the headers in
 * {@link io.gmnstream.streamjobs.hooks.WebhookHeaders} and check signatures with
 * {@link io.gmnstream.streamjobs.hooks.WebhookSignature#verify}. Everything in {@code internal}
 * is not API.
 */
package io.gmnstream.streamjobs.hooks;
