/**
 * The monitor's read side: views of runs served by the dashboard's REST API, answered from the
 * monitor's state stores on whichever instance holds each run.
 */
package io.gmnstream.streamjobs.monitor.query;
