package io.gmnstream.embedded.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmnstream.embedded.registry.CompatibilityLevel;
import io.gmnstream.embedded.registry.internal.SchemaLogRecord.CompatibilitySet;
import io.gmnstream.embedded.registry.internal.SchemaLogRecord.SchemaRegistered;

import java.io.IOException;
import java.util.Optional;

/**
 * JSON keys and values of the schemas topic. The key identifies what a record is about (a subject
 * version, or a config scope), so log compaction keeps exactly the latest record for each; key fields
 * are written in a fixed order because compaction compares key bytes.
 */
public final class SchemaLogCodec {
    private static final String SCHEMA = "SCHEMA";
    private static final String CONFIG = "CONFIG";

    private final ObjectMapper mapper = new ObjectMapper();

    public byte[] key(SchemaLogRecord record) {
        ObjectNode key = mapper.createObjectNode();
        if (record instanceof SchemaRegistered registered) {
            key.put("keytype", SCHEMA).put("subject", registered.subject()).put("version", registered.version());
        } else if (record instanceof CompatibilitySet config) {
            key.put("keytype", CONFIG);
            config.subject().ifPresent(subject -> key.put("subject", subject));
        }
        return write(key);
    }

    public byte[] value(SchemaLogRecord record) {
        ObjectNode value = mapper.createObjectNode();
        if (record instanceof SchemaRegistered registered) {
            value.put("subject", registered.subject())
                    .put("version", registered.version())
                    .put("id", registered.id())
                    .put("schema", registered.schema());
        } else if (record instanceof CompatibilitySet config) {
            config.subject().ifPresent(subject -> value.put("subject", subject));
            value.put("compatibilityLevel", config.level().name());
        }
        return write(value);
    }

    /** Decodes a record; throws {@link IllegalStateException} naming what is wrong with it. */
    public SchemaLogRecord decode(byte[] key, byte[] value) {
        JsonNode keyNode = read(key, "key");
        JsonNode valueNode = read(value, "value");
        String type = keyNode.path("keytype").asText();
        switch (type) {
            case SCHEMA:
                return new SchemaRegistered(
                        requiredText(valueNode, "subject"),
                        requiredInt(valueNode, "version"),
                        requiredInt(valueNode, "id"),
                        requiredText(valueNode, "schema"));
            case CONFIG:
                String levelName = requiredText(valueNode, "compatibilityLevel");
                CompatibilityLevel level = CompatibilityLevel.parse(levelName).orElseThrow(() ->
                        new IllegalStateException("unknown compatibilityLevel " + levelName));
                Optional<String> subject = valueNode.hasNonNull("subject")
                        ? Optional.of(valueNode.get("subject").asText()) : Optional.empty();
                return new CompatibilitySet(subject, level);
            default:
                throw new IllegalStateException("unknown keytype '" + type
                        + "' (written by another registry implementation or a newer version?)");
        }
    }

    private byte[] write(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("Could not serialise " + node, e);
        }
    }

    private JsonNode read(byte[] bytes, String what) {
        if (bytes == null) {
            throw new IllegalStateException("null " + what);
        }
        try {
            return mapper.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(what + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalStateException("missing text field '" + field + "' in " + node);
        }
        return value.asText();
    }

    private static int requiredInt(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new IllegalStateException("missing int field '" + field + "' in " + node);
        }
        return value.asInt();
    }
}
