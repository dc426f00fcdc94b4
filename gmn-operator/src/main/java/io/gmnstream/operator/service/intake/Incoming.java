package io.gmnstream.operator.service.intake;

/** An input record after decoding: a graph to score, or a record refused with a reason. */
public sealed interface Incoming permits GraphInput, Rejected {

    SourceRecord source();

    /** Edges that scoring this record costs: 0 for a refused record. */
    long edges();
}
