package io.gmnstream.schemas.registry;

import io.gmnstream.schemas.compat.AvroCompatibility;
import io.gmnstream.schemas.compat.CompatibilityResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A registry in memory with the Confluent semantics the serdes rely on (ids shared across
 * subjects, BACKWARD rule on register, Confluent error codes), counting calls so tests can see
 * what clients cache. A fake, not a mock.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

  private final Map<String, List<RegisteredSchema>> subjects = new HashMap<>();
  private final Map<Integer, Schema> byId = new HashMap<>();
  private final Map<Schema, Integer> idBySchema = new HashMap<>();
  private int nextId = 1;
  private int registerCalls;
  private int schemaByIdCalls;
  private int findCalls;
  private boolean closed;

  @Override
  public synchronized int register(String subject, Schema schema) {
    registerCalls++;
    List<RegisteredSchema> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    for (RegisteredSchema registered : versions) {
      if (registered.schema().equals(schema)) {
        return registered.id();
      }
    }
    if (!versions.isEmpty()) {
      CompatibilityResult result =
          AvroCompatibility.canRead(schema, versions.get(versions.size() - 1).schema());
      if (!result.compatible()) {
        throw new SchemaRegistryException("register", subject, null, 409, 409,
            "Schema being registered is incompatible: " + result.messages(), null);
      }
    }
    int id = idBySchema.computeIfAbsent(schema, s -> nextId++);
    byId.put(id, schema);
    versions.add(new RegisteredSchema(subject, versions.size() + 1, id, schema));
    return id;
  }

  @Override
  public synchronized Schema schemaById(int id) {
    schemaByIdCalls++;
    Schema schema = byId.get(id);
    if (schema == null) {
      throw new SchemaRegistryException("schema lookup", null, id, 404, 40403,
          "Schema " + id + " not found", null);
    }
    return schema;
  }

  @Override
  public synchronized RegisteredSchema latest(String subject) {
    List<RegisteredSchema> versions = subjects.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw new SchemaRegistryException("latest version lookup", subject, null, 404, 40401,
          "Subject '" + subject + "' not found.", null);
    }
    return versions.get(versions.size() - 1);
  }

  @Override
  public synchronized Optional<RegisteredSchema> find(String subject, Schema schema) {
    findCalls++;
    return subjects.getOrDefault(subject, List.of()).stream()
        .filter(r -> r.schema().equals(schema))
        .findFirst();
  }

  @Override
  public synchronized CompatibilityResult checkCompatibility(String subject, Schema schema) {
    return AvroCompatibility.canRead(schema, latest(subject).schema());
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  public synchronized int registerCalls() {
    return registerCalls;
  }

  public synchronized int schemaByIdCalls() {
    return schemaByIdCalls;
  }

  public synchronized int findCalls() {
    return findCalls;
  }

  public synchronized boolean isClosed() {
    return closed;
  }
}
