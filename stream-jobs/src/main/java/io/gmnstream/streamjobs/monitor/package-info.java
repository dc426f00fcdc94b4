/**
 * The run monitor: a Kafka Streams application over gmn.scores that keeps per-run state, raises and
 * resolves alerts on gmn.alerts, and answers queries about runs. {@link io.gmnstream.streamjobs.monitor.RunMonitor}
 * wires it for production; the topology itself is {@link io.gmnstream.streamjobs.monitor.topology.MonitorTopology}.
 */
package io.gmnstream.streamjobs.monitor;
