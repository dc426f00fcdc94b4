package io.gmnstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gmnstream.schemas.Topics;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CachingSchemaRegistryClientTest {

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final CachingSchemaRegistryClient client = new CachingSchemaRegistryClient(registry);
  private final Schema schema = Topics.SCORES.valueSchema();

  @Test
  void shouldRegisterOncePerSubjectAndSchema() {
    int id = client.register("gmn.scores-value", schema);

    assertThat(client.register("gmn.scores-value", schema)).isEqualTo(id);
    assertThat(registry.registerCalls()).isEqualTo(1);
    // Another subject is another registration, even for the same schema.
    assertThat(client.register("other-value", schema)).isEqualTo(id);
    assertThat(registry.registerCalls()).isEqualTo(2);
  }

  @Test
  void shouldKnowTheSchemaOfAnIdItRegisteredWithoutAsking() {
    int id = client.register("gmn.scores-value", schema);

    assertThat(client.schemaById(id)).isEqualTo(schema);
    assertThat(registry.schemaByIdCalls()).isZero();
  }

  @Test
  void shouldFetchEachUnknownIdOnce() {
    int id = registry.register("gmn.scores-value", schema);

    assertThat(client.schemaById(id)).isEqualTo(schema);
    assertThat(client.schemaById(id)).isEqualTo(schema);
    assertThat(registry.schemaByIdCalls()).isEqualTo(1);
  }

  @Test
  void shouldNotCacheFailedLookups() {
    assertThatThrownBy(() -> client.schemaById(404)).isInstanceOf(SchemaRegistryException.class);
    assertThatThrownBy(() -> client.schemaById(404)).isInstanceOf(SchemaRegistryException.class);
    assertThat(registry.schemaByIdCalls()).isEqualTo(2);
  }

  @Test
  void shouldCacheFoundRegistrationsButNotMisses() {
    assertThat(client.find("gmn.scores-value", schema)).isEmpty();
    int id = registry.register("gmn.scores-value", schema);

    assertThat(client.find("gmn.scores-value", schema))
        .hasValue(new RegisteredSchema("gmn.scores-value", 1, id, schema));
    assertThat(client.find("gmn.scores-value", schema)).isPresent();
    assertThat(registry.findCalls()).isEqualTo(2);
    assertThat(client.register("gmn.scores-value", schema)).isEqualTo(id);
    assertThat(registry.registerCalls()).isEqualTo(1);
  }

  @Test
  void shouldAlwaysAskForTheLatestVersion() {
    registry.register("gmn.scores-value", schema);

    assertThat(client.latest("gmn.scores-value").version()).isEqualTo(1);
    assertThatThrownBy(() -> client.latest("nope-value"))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.SUBJECT_NOT_FOUND));
  }

  @Test
  void shouldCloseTheDelegate() {
    client.close();

    assertThat(registry.isClosed()).isTrue();
  }
}
