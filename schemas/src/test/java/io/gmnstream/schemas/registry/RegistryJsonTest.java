package io.gmnstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmnstream.schemas.Topics;
import io.gmnstream.schemas.compat.CompatibilityResult;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class RegistryJsonTest {

  private final RegistryJson json = new RegistryJson();
  private final Schema schema = Topics.RUN_OUTCOMES.valueSchema();

  @Test
  void shouldSendTheSchemaAsAJsonString() throws Exception {
    String body = json.schemaRequest(schema);

    var tree = new ObjectMapper().readTree(body);
    assertThat(tree.size()).isEqualTo(1);
    assertThat(new Schema.Parser().parse(tree.get("schema").asText())).isEqualTo(schema);
  }

  @Test
  void shouldParseSuccessBodies() throws Exception {
    String quoted = new ObjectMapper().writeValueAsString(schema.toString());

    assertThat(json.id("{\"id\": 17}")).isEqualTo(17);
    assertThat(json.schema("{\"schema\": " + quoted + "}")).isEqualTo(schema);
    assertThat(json.schema("{\"schemaType\": \"AVRO\", \"schema\": " + quoted + "}"))
        .isEqualTo(schema);
    assertThat(json.registered("{\"subject\": \"gmn.run-outcomes-value\", \"version\": 3, "
        + "\"id\": 17, \"schema\": " + quoted + "}"))
        .isEqualTo(new RegisteredSchema("gmn.run-outcomes-value", 3, 17, schema));
  }

  @Test
  void shouldParseCompatibilityWithAndWithoutMessages() throws Exception {
    assertThat(json.compatibility("{\"is_compatible\": true}")).isEqualTo(CompatibilityResult.ok());
    assertThat(json.compatibility(
        "{\"is_compatible\": false, \"messages\": [\"READER_FIELD_MISSING_DEFAULT_VALUE x\"]}"))
        .isEqualTo(new CompatibilityResult(false,
            java.util.List.of("READER_FIELD_MISSING_DEFAULT_VALUE x")));
  }

  @Test
  void shouldRejectMalformedSuccessBodiesSayingWhatIsMissing() {
    assertThatThrownBy(() -> json.id("{\"identifier\": 1}"))
        .isInstanceOf(RegistryJson.MalformedResponseException.class)
        .hasMessageContaining("'id'");
    assertThatThrownBy(() -> json.id("<html>oops</html>"))
        .hasMessageContaining("not JSON").hasMessageContaining("<html>");
    assertThatThrownBy(() -> json.schema("{\"schema\": \"{not avro\"}"))
        .hasMessageContaining("invalid Avro schema");
    assertThatThrownBy(() -> json.schema("{\"schemaType\": \"PROTOBUF\", \"schema\": \"x\"}"))
        .hasMessageContaining("PROTOBUF");
    assertThatThrownBy(() -> json.compatibility("{\"is_compatible\": \"yes\"}"))
        .hasMessageContaining("is_compatible");
  }

  @Test
  void shouldParseConfluentErrorBodies() {
    RegistryJson.ErrorBody error =
        json.error("{\"error_code\": 40401, \"message\": \"Subject not found\"}", 404);

    assertThat(error).isEqualTo(new RegistryJson.ErrorBody(40401, "Subject not found"));
    assertThat(RegistryErrorCode.of(error.errorCode()))
        .isEqualTo(RegistryErrorCode.SUBJECT_NOT_FOUND);
  }

  @Test
  void shouldStillDescribeErrorsThatAreNotConfluentJson() {
    assertThat(json.error("<html><body>502 Bad Gateway</body></html>", 502))
        .isEqualTo(new RegistryJson.ErrorBody(SchemaRegistryException.NO_ERROR_CODE,
            "<html><body>502 Bad Gateway</body></html>"));
    assertThat(json.error("", 503).message()).contains("503");
    assertThat(json.error(null, 503).errorCode()).isEqualTo(SchemaRegistryException.NO_ERROR_CODE);
    assertThat(json.error("{\"message\": \"overloaded\"}", 429))
        .isEqualTo(new RegistryJson.ErrorBody(SchemaRegistryException.NO_ERROR_CODE,
            "overloaded"));
    assertThat(json.error("x".repeat(10_000), 500).message()).hasSizeLessThan(400);
  }
}
