package io.gmnstream.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmnstream.schemas.compat.CompatibilityResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/** Request bodies and response parsing of the Confluent REST API. */
final class RegistryJson {

  /** An error body: {@code {"error_code": 40401, "message": "Subject not found"}}. */
  record ErrorBody(int errorCode, String message) {}

  /** Thrown when a 2xx body is not what the API promises; the caller adds context. */
  static final class MalformedResponseException extends Exception {
    MalformedResponseException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final int MAX_ECHOED_BODY = 300;

  private final ObjectMapper mapper = new ObjectMapper();

  String schemaRequest(Schema schema) {
    ObjectNode body = mapper.createObjectNode();
    body.put("schema", schema.toString());
    return body.toString();
  }

  int id(String body) throws MalformedResponseException {
    return requiredInt(parse(body), "id", body);
  }

  Schema schema(String body) throws MalformedResponseException {
    return schemaOf(parse(body), body);
  }

  RegisteredSchema registered(String body) throws MalformedResponseException {
    JsonNode node = parse(body);
    JsonNode subject = node.get("subject");
    if (subject == null || !subject.isTextual()) {
      throw new MalformedResponseException("no 'subject' in " + echo(body), null);
    }
    return new RegisteredSchema(subject.asText(), requiredInt(node, "version", body),
        requiredInt(node, "id", body), schemaOf(node, body));
  }

  CompatibilityResult compatibility(String body) throws MalformedResponseException {
    JsonNode node = parse(body);
    JsonNode flag = node.get("is_compatible");
    if (flag == null || !flag.isBoolean()) {
      throw new MalformedResponseException("no boolean 'is_compatible' in " + echo(body), null);
    }
    List<String> messages = new ArrayList<>();
    JsonNode list = node.get("messages");
    if (list != null && list.isArray()) {
      list.forEach(m -> messages.add(m.asText()));
    }
    return new CompatibilityResult(flag.asBoolean(), messages);
  }

  /**
   * Parses an error body. Never fails: a proxy's HTML page or an empty body still gives a usable
   * message, with {@link SchemaRegistryException#NO_ERROR_CODE}.
   */
  ErrorBody error(String body, int httpStatus) {
    if (body != null && !body.isBlank()) {
      try {
        JsonNode node = mapper.readTree(body);
        if (node != null && node.isObject()) {
          JsonNode code = node.get("error_code");
          JsonNode message = node.get("message");
          return new ErrorBody(
              code != null && code.canConvertToInt() ? code.asInt()
                  : SchemaRegistryException.NO_ERROR_CODE,
              message != null && !message.isNull() ? message.asText() : echo(body));
        }
      } catch (JsonProcessingException e) {
        // Not JSON (e.g. a load balancer's error page): fall through and echo the text.
      }
      return new ErrorBody(SchemaRegistryException.NO_ERROR_CODE, echo(body));
    }
    return new ErrorBody(SchemaRegistryException.NO_ERROR_CODE,
        "empty response body (HTTP " + httpStatus + ")");
  }

  private JsonNode parse(String body) throws MalformedResponseException {
    try {
      JsonNode node = mapper.readTree(body);
      if (node == null || !node.isObject()) {
        throw new MalformedResponseException("expected a JSON object, got " + echo(body), null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new MalformedResponseException("not JSON: " + echo(body), e);
    }
  }

  private static Schema schemaOf(JsonNode node, String body) throws MalformedResponseException {
    JsonNode type = node.get("schemaType");
    if (type != null && !type.isNull() && !"AVRO".equals(type.asText())) {
      throw new MalformedResponseException(
          "schema is of type " + type.asText() + ", this client reads only AVRO", null);
    }
    JsonNode text = node.get("schema");
    if (text == null || !text.isTextual()) {
      throw new MalformedResponseException("no 'schema' string in " + echo(body), null);
    }
    try {
      // A fresh parser per schema: a parser remembers names and rejects redefinitions.
      return new Schema.Parser().parse(text.asText());
    } catch (SchemaParseException e) {
      throw new MalformedResponseException("the registry returned an invalid Avro schema: "
          + e.getMessage(), e);
    }
  }

  private static int requiredInt(JsonNode node, String field, String body)
      throws MalformedResponseException {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
      throw new MalformedResponseException("no integer '" + field + "' in " + echo(body), null);
    }
    return value.asInt();
  }

  private static String echo(String body) {
    String oneLine = body.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= MAX_ECHOED_BODY ? oneLine
        : oneLine.substring(0, MAX_ECHOED_BODY) + "...";
  }
}
