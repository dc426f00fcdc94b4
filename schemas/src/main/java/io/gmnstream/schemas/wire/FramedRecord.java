package io.gmnstream.schemas.wire;

import java.nio.ByteBuffer;

/**
 * A record split into its wire header and Avro body.
 *
 * @param schemaId the registry id of the writer schema
 * @param payload the Avro binary body, a read-only view of the record's bytes (not a copy)
 */
public record FramedRecord(int schemaId, ByteBuffer payload) {}
