package io.gmnstream.embedded.registry.internal;

/** Where the registry makes its changes durable before it answers. */
public interface SchemaLog {

    /** Returns once the record is durably stored; throws a {@link RegistryException} (50001) otherwise. */
    void append(SchemaLogRecord record);
}
