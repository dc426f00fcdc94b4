package io.gmnstream.schemas.registry;

/**
 * The Confluent Schema Registry error codes this project acts on ({@code error_code} in an
 * error body). Anything else maps to {@link #OTHER}; the raw code stays on the exception.
 */
public enum RegistryErrorCode {
  SUBJECT_NOT_FOUND(40401, "register a schema under the subject first (producers do with "
      + "auto.register.schemas=true) or check the subject name (<topic>-value)"),
  VERSION_NOT_FOUND(40402, "the subject has no such version; ask for 'latest' or list versions"),
  SCHEMA_NOT_FOUND(40403, "the registry does not know this schema; check the consumer uses the "
      + "same registry as the producer"),
  INCOMPATIBLE(409, "evolve the schema BACKWARD-compatibly (add fields with defaults; see "
      + "schemas/README.md)"),
  INVALID_SCHEMA(42201, "the schema is not valid Avro; parse it locally to see why"),
  /** No error body, or a code not listed here. */
  OTHER(-1, "see the registry's message and logs");

  private final int code;
  private final String hint;

  RegistryErrorCode(int code, String hint) {
    this.code = code;
    this.hint = hint;
  }

  /** The numeric Confluent code, or -1 for {@link #OTHER}. */
  public int code() {
    return code;
  }

  /** How to fix it, for error messages. */
  public String hint() {
    return hint;
  }

  public static RegistryErrorCode of(int code) {
    for (RegistryErrorCode c : values()) {
      if (c.code == code && c != OTHER) {
        return c;
      }
    }
    return OTHER;
  }
}
