/**
 * A whole monitor instance wired from its parts: the Kafka Streams run monitor, the dashboard and
 * the alert hooks, started and stopped together.
 */
package io.gmnstream.streamjobs.monitor.service;
