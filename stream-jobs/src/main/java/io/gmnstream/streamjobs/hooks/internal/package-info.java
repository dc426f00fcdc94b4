/**
 * How the alert hooks work, not API: the consume loop and its offset bookkeeping, one worker per
 * endpoint with its retry schedule, the HTTP sender, the body formats and the dead-letter writer.
 */
package io.gmnstream.streamjobs.hooks.internal;
