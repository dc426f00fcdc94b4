/**
 * The run monitor's Kafka Streams topology: {@link io.gmnstream.streamjobs.monitor.topology.MonitorTopology#buildTopology}
 * and the processors it wires, with its validated config and serdes.
 */
package io.gmnstream.streamjobs.monitor.topology;
