package io.gmnstream.embedded.registry.internal;

import io.gmnstream.embedded.registry.CompatibilityLevel;
import io.gmnstream.embedded.registry.internal.SchemaLogRecord.CompatibilitySet;
import io.gmnstream.embedded.registry.internal.SchemaLogRecord.SchemaRegistered;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry's state and rules: subjects and their versions, global schema ids, compatibility levels.
 * Every change is first appended to the {@link SchemaLog} and only then applied, so what a client was
 * told is always durable; {@link #apply} is also how the state is rebuilt from the log at startup.
 * One lock: the embedded registry serves a handful of clients, correctness beats concurrency here.
 */
public final class SchemaStore {

    /** Version {@code version} of a subject. */
    public record SubjectVersion(String subject, int version, int id, String schema) {
    }

    private final SchemaLog log;
    private final CompatibilityLevel defaultLevel;
    private final Map<String, List<SubjectVersion>> subjects = new TreeMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private Optional<CompatibilityLevel> globalLevel = Optional.empty();
    private int maxId;

    public SchemaStore(SchemaLog log, CompatibilityLevel defaultLevel) {
        this.log = Objects.requireNonNull(log, "log");
        this.defaultLevel = Objects.requireNonNull(defaultLevel, "defaultLevel");
    }

    /** Applies a change that is already durable (replayed from the log, or just appended to it). */
    public synchronized void apply(SchemaLogRecord record) {
        if (record instanceof SchemaRegistered registered) {
            List<SubjectVersion> versions = subjects.computeIfAbsent(registered.subject(), s -> new ArrayList<>());
            versions.removeIf(v -> v.version() == registered.version());
            versions.add(new SubjectVersion(registered.subject(), registered.version(), registered.id(),
                    registered.schema()));
            versions.sort((a, b) -> Integer.compare(a.version(), b.version()));
            schemasById.put(registered.id(), registered.schema());
            idsBySchema.putIfAbsent(registered.schema(), registered.id());
            maxId = Math.max(maxId, registered.id());
        } else if (record instanceof CompatibilitySet config) {
            if (config.subject().isPresent()) {
                subjectLevels.put(config.subject().get(), config.level());
            } else {
                globalLevel = Optional.of(config.level());
            }
        }
    }

    /**
     * Registers a schema under a subject and returns its global id. A schema the subject already has
     * returns its existing id; a schema known under another subject keeps its global id; anything else
     * must be compatible with the subject's earlier versions (409 otherwise).
     */
    public synchronized int register(String subject, String schemaText) {
        Schema schema = AvroSchemas.parse(schemaText);
        String canonical = AvroSchemas.canonical(schema);
        List<SubjectVersion> versions = subjects.getOrDefault(subject, List.of());
        for (SubjectVersion version : versions) {
            if (version.schema().equals(canonical)) {
                return version.id();
            }
        }
        List<String> problems = CompatibilityChecker.incompatibilities(
                effectiveLevel(subject), schema, parsed(versions));
        if (!problems.isEmpty()) {
            throw RegistryException.incompatible(subject, problems);
        }
        int id = idsBySchema.getOrDefault(canonical, maxId + 1);
        int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
        SchemaRegistered record = new SchemaRegistered(subject, version, id, canonical);
        log.append(record);
        apply(record);
        return id;
    }

    /** The schema with a global id, or 40403. */
    public synchronized String schemaById(int id) {
        String schema = schemasById.get(id);
        if (schema == null) {
            throw RegistryException.schemaIdNotFound(id);
        }
        return schema;
    }

    /** All subjects, sorted. */
    public synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    /** The version numbers of a subject, ascending, or 40401. */
    public synchronized List<Integer> versions(String subject) {
        return requireSubject(subject).stream().map(SubjectVersion::version).toList();
    }

    /** One version of a subject, or 40401 / 40402. */
    public synchronized SubjectVersion version(String subject, VersionRef ref) {
        List<SubjectVersion> versions = requireSubject(subject);
        if (ref.isLatest()) {
            return versions.get(versions.size() - 1);
        }
        return versions.stream().filter(v -> v.version() == ref.number()).findFirst()
                .orElseThrow(() -> RegistryException.versionNotFound(ref.number()));
    }

    /** The version of a subject holding this schema, or 40401 / 42201 / 40403. */
    public synchronized SubjectVersion lookup(String subject, String schemaText) {
        List<SubjectVersion> versions = requireSubject(subject);
        String canonical = AvroSchemas.canonical(AvroSchemas.parse(schemaText));
        return versions.stream().filter(v -> v.schema().equals(canonical)).findFirst()
                .orElseThrow(RegistryException::schemaNotFound);
    }

    /**
     * Why a schema could not be registered under a subject (empty: it could). With a version, only that
     * version is checked; without one, the versions the subject's level requires, as a registration would.
     * A subject without versions accepts anything ("latest" included); a missing numbered version is 40402.
     */
    public synchronized List<String> incompatibilities(String subject, Optional<VersionRef> against, String schemaText) {
        Schema schema = AvroSchemas.parse(schemaText);
        List<SubjectVersion> versions = subjects.getOrDefault(subject, List.of());
        CompatibilityLevel level = effectiveLevel(subject);
        if (against.isEmpty()) {
            return CompatibilityChecker.incompatibilities(level, schema, parsed(versions));
        }
        if (versions.isEmpty()) {
            if (against.get().isLatest()) {
                return List.of();
            }
            throw RegistryException.subjectNotFound(subject);
        }
        SubjectVersion version = version(subject, against.get());
        return CompatibilityChecker.incompatibilitiesWith(level, schema, AvroSchemas.parse(version.schema()));
    }

    public synchronized CompatibilityLevel globalLevel() {
        return globalLevel.orElse(defaultLevel);
    }

    public synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    public synchronized void setGlobalLevel(CompatibilityLevel level) {
        CompatibilitySet record = new CompatibilitySet(Optional.empty(), level);
        log.append(record);
        apply(record);
    }

    public synchronized void setSubjectLevel(String subject, CompatibilityLevel level) {
        CompatibilitySet record = new CompatibilitySet(Optional.of(subject), level);
        log.append(record);
        apply(record);
    }

    private CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevel(subject).orElseGet(this::globalLevel);
    }

    private List<SubjectVersion> requireSubject(String subject) {
        List<SubjectVersion> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    private static List<Schema> parsed(List<SubjectVersion> versions) {
        return versions.stream().map(v -> AvroSchemas.parse(v.schema())).toList();
    }
}
