/**
 * The monitor's state: per-run state (bounded score history, best so far, last score times, latest
 * weight statistics, firing alerts), per-task peer groups, their JSON serde for the state stores, and
 * the read side that answers {@link io.gmnstream.streamjobs.monitor.query.RunQueries} from a local
 * store.
 */
package io.gmnstream.streamjobs.monitor.state;
