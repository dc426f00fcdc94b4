/**
 * The run monitor's live dashboard: {@link io.gmnstream.streamjobs.monitor.web.DashboardServer} (the
 * page, a REST API over {@link io.gmnstream.streamjobs.monitor.query.RunQueries}, server-sent events
 * and Prometheus metrics), {@link io.gmnstream.streamjobs.monitor.web.LiveFeed} (new scores and alerts
 * read from Kafka as they are committed) and {@link io.gmnstream.streamjobs.monitor.web.RunMetrics}
 * (per-run meters). The page's files are resources in the {@code dashboard} folder of this package.
 */
package io.gmnstream.streamjobs.monitor.web;
