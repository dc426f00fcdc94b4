package io.gmnstream.streamjobs.monitor.alerts;

import io.gmnstream.schemas.avro.RunAlert;
import java.util.Optional;

/**
 * What the gate decided: the alert state to remember for the run and rule (empty: none firing)
 * and the record to publish, if any.
 */
public record GateResult(Optional<ActiveAlert> active, Optional<RunAlert> publish) {}
