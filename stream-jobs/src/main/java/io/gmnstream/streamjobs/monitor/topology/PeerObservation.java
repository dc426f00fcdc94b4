package io.gmnstream.streamjobs.monitor.topology;

import java.util.Objects;

/** A run's score as its task's peer group needs it; the value of the task-keyed repartition topic. */
record PeerObservation(String runId, long step, double predictedTestAccuracy) {

  PeerObservation {
    Objects.requireNonNull(runId, "runId");
  }
}
