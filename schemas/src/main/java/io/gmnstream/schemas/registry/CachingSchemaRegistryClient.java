package io.gmnstream.schemas.registry;

import io.gmnstream.schemas.compat.CompatibilityResult;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;

/**
 * Caches what never changes in a registry: the id of a schema under a subject and the schema of
 * an id (both directions). {@link #latest} and compatibility checks always go to the registry.
 * Caches are unbounded: a deployment has a handful of schemas, and failed lookups (a corrupt
 * record's random id) are not cached.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

  private record SubjectSchema(String subject, Schema schema) {}

  private final SchemaRegistryClient delegate;
  private final ConcurrentMap<SubjectSchema, Integer> idBySubjectSchema = new ConcurrentHashMap<>();
  private final ConcurrentMap<SubjectSchema, RegisteredSchema> registrations =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<Integer, Schema> schemaById = new ConcurrentHashMap<>();

  public CachingSchemaRegistryClient(SchemaRegistryClient delegate) {
    this.delegate = delegate;
  }

  @Override
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer cached = idBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    // Not computeIfAbsent: that would hold a map lock during an HTTP call.
    int id = delegate.register(subject, schema);
    idBySubjectSchema.putIfAbsent(key, id);
    schemaById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public Schema schemaById(int id) {
    Schema cached = schemaById.get(id);
    if (cached != null) {
      return cached;
    }
    Schema schema = delegate.schemaById(id);
    Schema raced = schemaById.putIfAbsent(id, schema);
    return raced != null ? raced : schema;
  }

  @Override
  public RegisteredSchema latest(String subject) {
    RegisteredSchema latest = delegate.latest(subject);
    remember(latest);
    return latest;
  }

  @Override
  public Optional<RegisteredSchema> find(String subject, Schema schema) {
    RegisteredSchema cached = registrations.get(new SubjectSchema(subject, schema));
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<RegisteredSchema> found = delegate.find(subject, schema);
    found.ifPresent(registered -> {
      remember(registered);
      registrations.putIfAbsent(new SubjectSchema(subject, schema), registered);
      idBySubjectSchema.putIfAbsent(new SubjectSchema(subject, schema), registered.id());
    });
    return found;
  }

  @Override
  public CompatibilityResult checkCompatibility(String subject, Schema schema) {
    return delegate.checkCompatibility(subject, schema);
  }

  @Override
  public void close() {
    delegate.close();
  }

  private void remember(RegisteredSchema registered) {
    SubjectSchema key = new SubjectSchema(registered.subject(), registered.schema());
    registrations.putIfAbsent(key, registered);
    idBySubjectSchema.putIfAbsent(key, registered.id());
    schemaById.putIfAbsent(registered.id(), registered.schema());
  }
}
