package io.gmnstream.embedded.registry;

/** Avro schemas for the registry tests: v2 evolves v1 compatibly, v3 does not. */
final class TestSchemas {
    static final String RUN_V1 = """
            {"type": "record", "name": "Run", "namespace": "test",
             "fields": [{"name": "id", "type": "string"}]}""";

    /** Adds a field with a default: BACKWARD and FORWARD compatible with v1. */
    static final String RUN_V2 = """
            {"type": "record", "name": "Run", "namespace": "test",
             "fields": [{"name": "id", "type": "string"},
                        {"name": "step", "type": "long", "default": 0}]}""";

    /** Adds a field without a default: a v3 reader cannot read v1 data (not BACKWARD compatible). */
    static final String RUN_V3_REQUIRED_FIELD = """
            {"type": "record", "name": "Run", "namespace": "test",
             "fields": [{"name": "id", "type": "string"},
                        {"name": "step", "type": "long", "default": 0},
                        {"name": "owner", "type": "string"}]}""";

    static final String OTHER = """
            {"type": "record", "name": "Other", "namespace": "test",
             "fields": [{"name": "value", "type": "double"}]}""";

    private TestSchemas() {
    }
}
