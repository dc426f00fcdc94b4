package io.gmnstream.embedded.registry.internal;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/** Parses schema text the way the registry stores it. */
public final class AvroSchemas {
    private AvroSchemas() {
    }

    /**
     * Parses Avro schema JSON, checking that field defaults match their types, or throws a 42201
     * {@link RegistryException}. A fresh parser each time: a parser remembers named types.
     */
    public static Schema parse(String text) {
        if (text == null || text.isBlank()) {
            throw RegistryException.invalidSchema("empty schema");
        }
        try {
            return new Schema.Parser().setValidateDefaults(true).parse(text);
        } catch (SchemaParseException | org.apache.avro.AvroTypeException e) {
            throw RegistryException.invalidSchema(e.getMessage());
        } catch (RuntimeException e) {
            // Jackson or Avro reject malformed JSON with various unchecked exceptions.
            throw RegistryException.invalidSchema(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * The form the registry stores and compares: Avro's own compact JSON rendering, so that the same
     * schema sent with other whitespace is recognised as the same schema (same id).
     */
    public static String canonical(Schema schema) {
        return schema.toString();
    }
}
