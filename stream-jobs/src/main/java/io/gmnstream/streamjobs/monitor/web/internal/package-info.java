/**
 * How the dashboard server works inside (handlers, filters, JSON views, the event-stream hub); not
 * API, may change without notice.
 */
package io.gmnstream.streamjobs.monitor.web.internal;
