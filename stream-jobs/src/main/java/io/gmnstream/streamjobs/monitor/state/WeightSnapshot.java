package io.gmnstream.streamjobs.monitor.state;

/** What the monitor keeps of one checkpoint's weight statistics to compare it with the next one. */
public record WeightSnapshot(long step, double l2Norm) {}
