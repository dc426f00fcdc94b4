/** Helpers of the run monitor that are not part of its API. */
package io.gmnstream.streamjobs.monitor.internal;
