/**
 * What an alert is, independent of any rule: the stable rule names, severities, a rule's verdict on
 * a run, and the gate that turns verdicts into de-duplicated, throttled FIRING and RESOLVED
 * {@link io.gmnstream.schemas.avro.RunAlert} records.
 */
package io.gmnstream.streamjobs.monitor.alerts;
