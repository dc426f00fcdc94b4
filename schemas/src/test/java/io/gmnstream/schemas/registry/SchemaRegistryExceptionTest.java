package io.gmnstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SchemaRegistryExceptionTest {

  @Test
  void shouldNameSubjectStatusCodeMessageAndFix() {
    var e = new SchemaRegistryException("register", "gmn.graphs-value", null, 409, 409,
        "Schema being registered is incompatible with an earlier schema", null);

    assertThat(e.getMessage())
        .contains("register", "'gmn.graphs-value'", "HTTP 409", "error_code 409",
            "incompatible with an earlier schema", "BACKWARD");
    assertThat(e.code()).isEqualTo(RegistryErrorCode.INCOMPATIBLE);
    assertThat(e.subject()).contains("gmn.graphs-value");
    assertThat(e.schemaId()).isEqualTo(OptionalInt.empty());
    assertThat(e.isRetriable()).isFalse();
  }

  @Test
  void shouldNameTheSchemaIdOfALookup() {
    var e = new SchemaRegistryException("schema lookup", null, 99, 404, 40403,
        "Schema 99 not found", null);

    assertThat(e.getMessage()).contains("schema id 99", "HTTP 404", "error_code 40403");
    assertThat(e.code()).isEqualTo(RegistryErrorCode.SCHEMA_NOT_FOUND);
    assertThat(e.schemaId()).hasValue(99);
  }

  @Test
  void shouldMapEveryHandledConfluentCode() {
    assertThat(RegistryErrorCode.of(40401)).isEqualTo(RegistryErrorCode.SUBJECT_NOT_FOUND);
    assertThat(RegistryErrorCode.of(40402)).isEqualTo(RegistryErrorCode.VERSION_NOT_FOUND);
    assertThat(RegistryErrorCode.of(40403)).isEqualTo(RegistryErrorCode.SCHEMA_NOT_FOUND);
    assertThat(RegistryErrorCode.of(409)).isEqualTo(RegistryErrorCode.INCOMPATIBLE);
    assertThat(RegistryErrorCode.of(42201)).isEqualTo(RegistryErrorCode.INVALID_SCHEMA);
    assertThat(RegistryErrorCode.of(50001)).isEqualTo(RegistryErrorCode.OTHER);
    assertThat(RegistryErrorCode.of(-1)).isEqualTo(RegistryErrorCode.OTHER);
  }

  @Test
  void shouldTreatOutagesAsRetriableAndClientErrorsAsFinal() {
    assertThat(failure(SchemaRegistryException.NO_RESPONSE).isRetriable()).isTrue();
    assertThat(failure(500).isRetriable()).isTrue();
    assertThat(failure(503).isRetriable()).isTrue();
    assertThat(failure(429).isRetriable()).isTrue();
    assertThat(failure(404).isRetriable()).isFalse();
    assertThat(failure(422).isRetriable()).isFalse();
    assertThat(failure(SchemaRegistryException.NO_RESPONSE).getMessage())
        .contains("no response", "schema.registry.url");
  }

  private static SchemaRegistryException failure(int status) {
    return new SchemaRegistryException("latest version lookup", "s", null, status,
        SchemaRegistryException.NO_ERROR_CODE, "Connection refused", null);
  }
}
