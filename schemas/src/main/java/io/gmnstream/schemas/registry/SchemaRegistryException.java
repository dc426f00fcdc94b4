package io.gmnstream.schemas.registry;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A schema registry request failed. Names what was asked for (subject or schema id), the HTTP
 * status (0 when no response came back, e.g. the registry was unreachable after all retries),
 * and the registry's {@code error_code} and message.
 */
public class SchemaRegistryException extends RuntimeException {

  /** HTTP status used when the request got no response at all. */
  public static final int NO_RESPONSE = 0;
  /** Error code used when the response had no parsable {@code error_code}. */
  public static final int NO_ERROR_CODE = -1;

  private final String operation;
  private final String subject;
  private final Integer schemaId;
  private final int httpStatus;
  private final int errorCode;
  private final String registryMessage;

  public SchemaRegistryException(String operation, String subject, Integer schemaId,
      int httpStatus, int errorCode, String registryMessage, Throwable cause) {
    super(describe(operation, subject, schemaId, httpStatus, errorCode, registryMessage), cause);
    this.operation = operation;
    this.subject = subject;
    this.schemaId = schemaId;
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.registryMessage = registryMessage;
  }

  /** The client operation that failed, e.g. {@code register}. */
  public String operation() {
    return operation;
  }

  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  public OptionalInt schemaId() {
    return schemaId == null ? OptionalInt.empty() : OptionalInt.of(schemaId);
  }

  /** HTTP status, or {@link #NO_RESPONSE}. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The registry's raw {@code error_code}, or {@link #NO_ERROR_CODE}. */
  public int errorCode() {
    return errorCode;
  }

  public RegistryErrorCode code() {
    return RegistryErrorCode.of(errorCode);
  }

  /** The registry's {@code message}, or a description of the transport failure. */
  public String registryMessage() {
    return registryMessage;
  }

  /** Whether trying again later may succeed (no response, 5xx, 429). */
  public boolean isRetriable() {
    return httpStatus == NO_RESPONSE || httpStatus >= 500 || httpStatus == 429;
  }

  private static String describe(String operation, String subject, Integer schemaId,
      int httpStatus, int errorCode, String registryMessage) {
    StringBuilder sb = new StringBuilder("Schema registry ").append(operation).append(" failed");
    if (subject != null) {
      sb.append(" for subject '").append(subject).append('\'');
    }
    if (schemaId != null) {
      sb.append(subject == null ? " for" : " and").append(" schema id ").append(schemaId);
    }
    if (httpStatus == NO_RESPONSE) {
      sb.append(": no response (").append(registryMessage)
          .append("); check schema.registry.url and that the registry is up");
      return sb.toString();
    }
    sb.append(": HTTP ").append(httpStatus);
    if (errorCode != NO_ERROR_CODE) {
      sb.append(", error_code ").append(errorCode);
    }
    sb.append(": ").append(registryMessage);
    RegistryErrorCode code = RegistryErrorCode.of(errorCode);
    if (code != RegistryErrorCode.OTHER) {
      sb.append(" (fix: ").append(code.hint()).append(')');
    }
    return sb.toString();
  }
}
