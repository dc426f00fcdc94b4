package io.gmnstream.embedded.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gmnstream.embedded.registry.CompatibilityLevel;
import io.gmnstream.embedded.registry.internal.HttpRouter.Request;
import io.gmnstream.embedded.registry.internal.HttpRouter.Response;
import io.gmnstream.embedded.registry.internal.SchemaStore.SubjectVersion;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The subset of the Confluent Schema Registry REST API that clients of this project use, bound to a
 * {@link SchemaStore}: request bodies in, response bodies out, no state of its own.
 */
public final class RegistryRoutes {
    private static final String AVRO = "AVRO";

    private final SchemaStore store;
    private final ObjectMapper mapper;

    public RegistryRoutes(SchemaStore store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    public HttpRouter router() {
        return new HttpRouter()
                .add("GET", "/", request -> Response.ok(Map.of()))
                .add("GET", "/subjects", request -> Response.ok(store.subjects()))
                .add("POST", "/subjects/{subject}", this::lookup)
                .add("GET", "/subjects/{subject}/versions", r -> Response.ok(store.versions(r.path("subject"))))
                .add("POST", "/subjects/{subject}/versions", this::register)
                .add("GET", "/subjects/{subject}/versions/{version}", this::version)
                .add("GET", "/schemas/ids/{id}", this::schemaById)
                .add("POST", "/compatibility/subjects/{subject}/versions", this::compatibility)
                .add("POST", "/compatibility/subjects/{subject}/versions/{version}", this::compatibility)
                .add("GET", "/config", request -> Response.ok(levelBody(store.globalLevel())))
                .add("PUT", "/config", this::putGlobalConfig)
                .add("GET", "/config/{subject}", this::subjectConfig)
                .add("PUT", "/config/{subject}", this::putSubjectConfig);
    }

    private Response register(Request request) {
        String schema = schemaFrom(request);
        return Response.ok(Map.of("id", store.register(request.path("subject"), schema)));
    }

    private Response lookup(Request request) {
        return Response.ok(versionBody(store.lookup(request.path("subject"), schemaFrom(request))));
    }

    private Response version(Request request) {
        VersionRef ref = VersionRef.parse(request.path("version"));
        return Response.ok(versionBody(store.version(request.path("subject"), ref)));
    }

    private Response schemaById(Request request) {
        int id;
        try {
            id = Integer.parseInt(request.path("id"));
        } catch (NumberFormatException e) {
            throw RegistryException.routeNotFound();
        }
        return Response.ok(Map.of("schema", store.schemaById(id)));
    }

    private Response compatibility(Request request) {
        Optional<VersionRef> against = Optional.ofNullable(request.path("version")).map(VersionRef::parse);
        List<String> problems = store.incompatibilities(request.path("subject"), against, schemaFrom(request));
        ObjectNode body = mapper.createObjectNode().put("is_compatible", problems.isEmpty());
        if (request.queryFlag("verbose")) {
            body.set("messages", mapper.valueToTree(problems));
        }
        return Response.ok(body);
    }

    private Response putGlobalConfig(Request request) {
        CompatibilityLevel level = levelFrom(request);
        store.setGlobalLevel(level);
        return Response.ok(Map.of("compatibility", level.name()));
    }

    private Response subjectConfig(Request request) {
        String subject = request.path("subject");
        Optional<CompatibilityLevel> level = store.subjectLevel(subject);
        if (level.isPresent()) {
            return Response.ok(levelBody(level.get()));
        }
        if (request.queryFlag("defaultToGlobal")) {
            return Response.ok(levelBody(store.globalLevel()));
        }
        throw RegistryException.subjectCompatibilityNotConfigured(subject);
    }

    private Response putSubjectConfig(Request request) {
        CompatibilityLevel level = levelFrom(request);
        store.setSubjectLevel(request.path("subject"), level);
        return Response.ok(Map.of("compatibility", level.name()));
    }

    /**
     * GET /config answers "compatibilityLevel" in the Confluent registry, while PUT takes and answers
     * "compatibility"; both names are sent so that clients reading either one work.
     */
    private ObjectNode levelBody(CompatibilityLevel level) {
        return mapper.createObjectNode().put("compatibilityLevel", level.name()).put("compatibility", level.name());
    }

    private ObjectNode versionBody(SubjectVersion version) {
        return mapper.createObjectNode()
                .put("subject", version.subject())
                .put("version", version.version())
                .put("id", version.id())
                .put("schema", version.schema());
    }

    private String schemaFrom(Request request) {
        JsonNode body = jsonBody(request);
        JsonNode schemaType = body.get("schemaType");
        if (schemaType != null && !schemaType.isNull() && !AVRO.equals(schemaType.asText())) {
            throw RegistryException.invalidSchema("schemaType " + schemaType.asText()
                    + " is not supported; this registry only serves AVRO");
        }
        JsonNode references = body.get("references");
        if (references != null && references.isArray() && !references.isEmpty()) {
            throw RegistryException.invalidSchema("schema references are not supported by the embedded registry;"
                    + " inline the referenced types");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw RegistryException.invalidSchema("the body must carry the schema as a JSON string in \"schema\"");
        }
        return schema.asText();
    }

    private CompatibilityLevel levelFrom(Request request) {
        JsonNode body = jsonBody(request);
        JsonNode value = body.hasNonNull("compatibility") ? body.get("compatibility") : body.get("compatibilityLevel");
        String name = value == null ? null : value.asText();
        return CompatibilityLevel.parse(name).orElseThrow(() ->
                RegistryException.invalidCompatibilityLevel(name, CompatibilityLevel.allowedValues()));
    }

    private JsonNode jsonBody(Request request) {
        try {
            JsonNode body = mapper.readTree(request.body());
            if (body == null || !body.isObject()) {
                throw RegistryException.badRequest("The request body must be a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw RegistryException.badRequest("The request body is not valid JSON: " + e.getMessage());
        }
    }
}
