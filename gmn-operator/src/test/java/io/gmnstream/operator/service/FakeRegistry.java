package io.gmnstream.operator.service;

import io.gmnstream.schemas.compat.CompatibilityResult;
import io.gmnstream.schemas.registry.RegisteredSchema;
import io.gmnstream.schemas.registry.SchemaRegistryClient;
import io.gmnstream.schemas.registry.SchemaRegistryException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/** A schema registry in memory: ids from 1 in registration order; can be made unreachable. */
public final class FakeRegistry implements SchemaRegistryClient {
    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<String, Integer> idBySubjectAndSchema = new HashMap<>();
    private boolean unreachable;

    public synchronized void unreachable(boolean value) {
        unreachable = value;
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        failIfUnreachable("register");
        return idBySubjectAndSchema.computeIfAbsent(subject + "|" + schema, key -> {
            int id = byId.size() + 1;
            byId.put(id, schema);
            return id;
        });
    }

    @Override
    public synchronized Schema schemaById(int id) {
        failIfUnreachable("schema lookup");
        Schema schema = byId.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("schema lookup", null, id, 404, 40403, "Schema " + id + " not found", null);
        }
        return schema;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        throw new UnsupportedOperationException("not needed by the operator");
    }

    @Override
    public Optional<RegisteredSchema> find(String subject, Schema schema) {
        throw new UnsupportedOperationException("not needed by the operator");
    }

    @Override
    public CompatibilityResult checkCompatibility(String subject, Schema schema) {
        throw new UnsupportedOperationException("not needed by the operator");
    }

    @Override
    public void close() {
    }

    private void failIfUnreachable(String operation) {
        if (unreachable) {
            throw new SchemaRegistryException(operation, null, null, SchemaRegistryException.NO_RESPONSE,
                    SchemaRegistryException.NO_ERROR_CODE, "connection refused", null);
        }
    }
}
