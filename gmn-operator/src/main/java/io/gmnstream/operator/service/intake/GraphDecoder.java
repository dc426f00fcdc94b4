package io.gmnstream.operator.service.intake;

import io.gmnstream.schemas.avro.DeadLetterReason;
import io.gmnstream.schemas.avro.ParamGraph;
import io.gmnstream.schemas.graph.MalformedGraphRecordException;
import io.gmnstream.schemas.graph.ParamGraphRecords;
import io.gmnstream.schemas.registry.SchemaRegistryException;
import io.gmnstream.schemas.wire.WireFormatException;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a gmn.graphs record into a graph to score, or into a refusal with the dead-letter reason
 * that tells its producer what to fix. A record is refused for what it is, never for the state of
 * the infrastructure: a registry that cannot be reached propagates (the caller retries) rather
 * than dead-lettering good records.
 */
public final class GraphDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(GraphDecoder.class);

    private final Deserializer<ParamGraph> deserializer;
    private final long maxGraphEdges;

    /**
     * @param deserializer  reads the Confluent wire format (throws {@link WireFormatException} on undecodable bytes)
     * @param maxGraphEdges graphs with more edges are refused as TOO_LARGE
     */
    public GraphDecoder(Deserializer<ParamGraph> deserializer, long maxGraphEdges) {
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
        if (maxGraphEdges < 1) {
            throw new IllegalArgumentException("maxGraphEdges must be at least 1, got " + maxGraphEdges);
        }
        this.maxGraphEdges = maxGraphEdges;
    }

    /**
     * @throws SchemaRegistryException when the registry cannot answer (an outage, not a bad record): retry later
     */
    public Incoming decode(SourceRecord source) {
        if (source.value() == null) {
            return new Rejected(source, DeadLetterReason.CORRUPT_RECORD, "the record has no value (a tombstone?): "
                    + source.topic() + " takes ParamGraph records written by the graph builder, never deletes");
        }
        ParamGraph record;
        try {
            record = deserializer.deserialize(source.topic(), source.value());
        } catch (WireFormatException e) {
            return new Rejected(source, e.reason(), e.getMessage());
        } catch (SchemaRegistryException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure decoding {}; dead-lettering it", source, e);
            return new Rejected(source, DeadLetterReason.OTHER, "cannot decode the record: " + e);
        }
        if (record.getNumEdges() > maxGraphEdges) {
            return new Rejected(source, DeadLetterReason.TOO_LARGE, "the graph of run " + record.getRunId()
                    + " step " + record.getStep() + " has " + record.getNumEdges() + " edges, above this operator's "
                    + "maxGraphEdges of " + maxGraphEdges + ": score it on an operator with more memory and a "
                    + "higher maxGraphEdges, or publish a smaller network");
        }
        try {
            return new GraphInput(source, record.getRunId(), record.getStep(), record.getCheckpointCreatedAtMillis(),
                    ParamGraphRecords.toGraph(record), ScoreContext.of(record));
        } catch (MalformedGraphRecordException e) {
            return new Rejected(source, DeadLetterReason.SHAPE_MISMATCH, "the graph of run " + record.getRunId()
                    + " step " + record.getStep() + " is inconsistent: " + e.getMessage() + "; its producer (graph "
                    + "builder " + record.getBuilderVersion() + ") must pack every array to the declared counts");
        }
    }
}
