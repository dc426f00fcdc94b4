package io.gmnstream.schemas.registry;

import io.gmnstream.schemas.compat.CompatibilityResult;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A client of a registry speaking the Confluent Schema Registry REST API (Avro schemas only).
 * Every method throws {@link SchemaRegistryException} when the registry answers with an error or
 * cannot be reached. Implementations are thread-safe.
 */
public interface SchemaRegistryClient extends AutoCloseable {

  /**
   * Registers the schema under the subject, or finds it if it already is, and returns its id
   * ({@code POST /subjects/{subject}/versions}). Fails with {@link RegistryErrorCode#INCOMPATIBLE}
   * if the subject's compatibility rule rejects it.
   */
  int register(String subject, Schema schema);

  /** The schema with this id ({@code GET /schemas/ids/{id}}); 40403 if there is none. */
  Schema schemaById(int id);

  /** The latest version under the subject ({@code GET /subjects/{subject}/versions/latest}). */
  RegisteredSchema latest(String subject);

  /**
   * The registration of exactly this schema under the subject ({@code POST /subjects/{subject}}),
   * or empty when the subject or the schema is not registered.
   */
  Optional<RegisteredSchema> find(String subject, Schema schema);

  /**
   * Whether the schema could be registered next under the subject
   * ({@code POST /compatibility/subjects/{subject}/versions/latest}). Like current Confluent
   * registries, a subject with no version yet is compatible with anything.
   */
  CompatibilityResult checkCompatibility(String subject, Schema schema);

  /** Releases resources; never throws. */
  @Override
  void close();

  /** A caching HTTP client: what services and serdes use. */
  static SchemaRegistryClient connect(RegistryClientConfig config) {
    return new CachingSchemaRegistryClient(new HttpSchemaRegistryClient(config));
  }
}
