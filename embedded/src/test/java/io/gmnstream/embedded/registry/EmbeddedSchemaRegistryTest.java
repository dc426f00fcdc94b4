package io.gmnstream.embedded.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.gmnstream.embedded.kafka.EmbeddedKafkaBroker;
import io.gmnstream.embedded.kafka.KafkaBrokerConfig;
import io.gmnstream.embedded.registry.RegistryHttp.Reply;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.gmnstream.embedded.registry.TestSchemas.OTHER;
import static io.gmnstream.embedded.registry.TestSchemas.RUN_V1;
import static io.gmnstream.embedded.registry.TestSchemas.RUN_V2;
import static io.gmnstream.embedded.registry.TestSchemas.RUN_V3_REQUIRED_FIELD;
import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint and error code, over HTTP, against a registry on a real broker. Subjects are unique per test. */
class EmbeddedSchemaRegistryTest {
    private static EmbeddedKafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;
    private static RegistryHttp http;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(KafkaBrokerConfig.defaults());
        registry = EmbeddedSchemaRegistry.start(SchemaRegistryConfig.defaults(broker.bootstrapServers()));
        http = RegistryHttp.to(registry.url());
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        broker.close();
    }

    @Test
    void shouldReturnTheSameIdWhenTheSameSchemaIsRegisteredAgain() {
        Reply first = http.register("reg-same", RUN_V1);
        Reply again = http.register("reg-same", RUN_V1);
        Reply reformatted = http.register("reg-same", RUN_V1.replace(" ", "").replace("\n", "\n    "));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(first.body().get("id").isInt()).isTrue();
        assertThat(again.body().get("id").asInt()).isEqualTo(first.body().get("id").asInt());
        assertThat(reformatted.body().get("id").asInt()).isEqualTo(first.body().get("id").asInt());
        assertThat(http.get("/subjects/reg-same/versions").body()).hasSize(1);
    }

    @Test
    void shouldReuseTheGlobalIdForTheSameSchemaUnderAnotherSubject() {
        int id = http.register("reuse-a", OTHER).body().get("id").asInt();
        int otherId = http.register("reuse-b", OTHER).body().get("id").asInt();
        int differentId = http.register("reuse-c", RUN_V2).body().get("id").asInt();

        assertThat(otherId).isEqualTo(id);
        assertThat(differentId).isNotEqualTo(id);
        Reply version = http.get("/subjects/reuse-b/versions/1");
        assertThat(version.body().get("id").asInt()).isEqualTo(id);
        assertThat(version.body().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void shouldServeSchemasByGlobalId() {
        int id = http.register("by-id", RUN_V1).body().get("id").asInt();

        Reply reply = http.get("/schemas/ids/" + id);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(new Schema.Parser().parse(reply.body().get("schema").asText()))
                .isEqualTo(new Schema.Parser().parse(RUN_V1));
    }

    @Test
    void shouldAnswer40403ForAnUnknownSchemaId() {
        Reply reply = http.get("/schemas/ids/999999");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo(40403);
        assertThat(reply.body().get("message").asText()).isEqualTo("Schema 999999 not found.");
        assertThat(reply.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    }

    @Test
    void shouldListSubjectsAndVersionsAndServeEachVersion() {
        int v1 = http.register("versions", RUN_V1).body().get("id").asInt();
        int v2 = http.register("versions", RUN_V2).body().get("id").asInt();

        assertThat(texts(http.get("/subjects").body())).contains("versions");
        assertThat(http.get("/subjects/versions/versions").body().toString()).isEqualTo("[1,2]");
        Reply first = http.get("/subjects/versions/versions/1");
        assertThat(first.body().get("subject").asText()).isEqualTo("versions");
        assertThat(first.body().get("version").asInt()).isEqualTo(1);
        assertThat(first.body().get("id").asInt()).isEqualTo(v1);
        assertThat(new Schema.Parser().parse(first.body().get("schema").asText()))
                .isEqualTo(new Schema.Parser().parse(RUN_V1));
        Reply latest = http.get("/subjects/versions/versions/latest");
        assertThat(latest.body().get("version").asInt()).isEqualTo(2);
        assertThat(latest.body().get("id").asInt()).isEqualTo(v2);
        assertThat(http.get("/subjects/versions/versions/-1").body().get("version").asInt()).isEqualTo(2);
    }

    @Test
    void shouldAnswer40401And40402And42202ForMissingSubjectsAndVersions() {
        http.register("missing-version", RUN_V1);

        Reply noSubject = http.get("/subjects/no-such-subject/versions");
        assertThat(noSubject.status()).isEqualTo(404);
        assertThat(noSubject.errorCode()).isEqualTo(40401);
        assertThat(noSubject.body().get("message").asText()).isEqualTo("Subject 'no-such-subject' not found.");
        assertThat(http.get("/subjects/no-such-subject/versions/latest").errorCode()).isEqualTo(40401);

        Reply noVersion = http.get("/subjects/missing-version/versions/7");
        assertThat(noVersion.status()).isEqualTo(404);
        assertThat(noVersion.errorCode()).isEqualTo(40402);
        assertThat(noVersion.body().get("message").asText()).isEqualTo("Version 7 not found.");

        Reply badVersion = http.get("/subjects/missing-version/versions/first");
        assertThat(badVersion.status()).isEqualTo(422);
        assertThat(badVersion.errorCode()).isEqualTo(42202);
    }

    @Test
    void shouldFindARegisteredSchemaUnderItsSubject() {
        int id = http.register("lookup", RUN_V1).body().get("id").asInt();

        Reply found = http.post("/subjects/lookup", RegistryHttp.schemaBody(RUN_V1));

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().get("subject").asText()).isEqualTo("lookup");
        assertThat(found.body().get("version").asInt()).isEqualTo(1);
        assertThat(found.body().get("id").asInt()).isEqualTo(id);
        assertThat(found.body().get("schema").asText()).isNotBlank();
    }

    @Test
    void shouldAnswer40401And40403And42201WhenLookingUpWhatIsNotThere() {
        http.register("lookup-miss", RUN_V1);

        Reply noSubject = http.post("/subjects/lookup-nobody", RegistryHttp.schemaBody(RUN_V1));
        assertThat(noSubject.status()).isEqualTo(404);
        assertThat(noSubject.errorCode()).isEqualTo(40401);

        Reply noSchema = http.post("/subjects/lookup-miss", RegistryHttp.schemaBody(OTHER));
        assertThat(noSchema.status()).isEqualTo(404);
        assertThat(noSchema.errorCode()).isEqualTo(40403);

        Reply invalid = http.post("/subjects/lookup-miss", RegistryHttp.schemaBody("{\"type\": \"nonsense\"}"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorCode()).isEqualTo(42201);
    }

    @Test
    void shouldRefuseAnIncompatibleSchemaWith409() {
        http.register("incompatible", RUN_V1);

        Reply refused = http.register("incompatible", RUN_V3_REQUIRED_FIELD);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo(409);
        assertThat(refused.body().get("message").asText())
                .contains("incompatible with an earlier schema for subject \"incompatible\"")
                .contains("owner");
        assertThat(http.get("/subjects/incompatible/versions").body()).hasSize(1);
    }

    @Test
    void shouldAnswer42201ForInvalidSchemasAndUnsupportedTypes() {
        Reply notAvro = http.register("invalid", "{\"type\": \"record\", \"name\": \"X\"}");
        assertThat(notAvro.status()).isEqualTo(422);
        assertThat(notAvro.errorCode()).isEqualTo(42201);

        Reply badDefault = http.register("invalid", """
                {"type": "record", "name": "X", "fields": [{"name": "n", "type": "int", "default": "text"}]}""");
        assertThat(badDefault.errorCode()).isEqualTo(42201);

        Reply protobuf = http.post("/subjects/invalid/versions",
                "{\"schema\": \"syntax = \\\"proto3\\\";\", \"schemaType\": \"PROTOBUF\"}");
        assertThat(protobuf.errorCode()).isEqualTo(42201);
        assertThat(protobuf.body().get("message").asText()).contains("PROTOBUF");

        Reply noSchema = http.post("/subjects/invalid/versions", "{}");
        assertThat(noSchema.errorCode()).isEqualTo(42201);

        assertThat(http.get("/subjects/invalid/versions").errorCode()).isEqualTo(40401);
    }

    @Test
    void shouldAcceptAnExplicitAvroSchemaType() {
        Reply reply = http.post("/subjects/explicit-avro/versions",
                "{\"schemaType\": \"AVRO\", \"schema\": " + RegistryHttp.schemaBody(RUN_V1).substring(10));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("id").isInt()).isTrue();
    }

    @Test
    void shouldAnswer400ForABodyThatIsNotJson() {
        Reply reply = http.post("/subjects/not-json/versions", "schema: nope");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo(400);
    }

    @Test
    void shouldTellWhetherASchemaIsCompatibleWithTheLatestVersion() {
        http.register("compat", RUN_V1);

        Reply compatible = http.post("/compatibility/subjects/compat/versions/latest", RegistryHttp.schemaBody(RUN_V2));
        Reply incompatible = http.post("/compatibility/subjects/compat/versions/latest?verbose=true",
                RegistryHttp.schemaBody(RUN_V3_REQUIRED_FIELD));

        assertThat(compatible.status()).isEqualTo(200);
        assertThat(compatible.body().get("is_compatible").asBoolean()).isTrue();
        assertThat(incompatible.body().get("is_compatible").asBoolean()).isFalse();
        assertThat(texts(incompatible.body().get("messages"))).anySatisfy(m -> assertThat(m).contains("owner"));
        assertThat(http.post("/compatibility/subjects/compat/versions/1", RegistryHttp.schemaBody(RUN_V2))
                .body().get("is_compatible").asBoolean()).isTrue();
        assertThat(http.post("/compatibility/subjects/compat/versions/9", RegistryHttp.schemaBody(RUN_V2))
                .errorCode()).isEqualTo(40402);
    }

    @Test
    void shouldCallAnySchemaCompatibleWithTheLatestVersionOfANewSubject() {
        // As Confluent 7.x does: nothing registered yet, so nothing to be incompatible with.
        Reply reply = http.post("/compatibility/subjects/compat-new/versions/latest", RegistryHttp.schemaBody(RUN_V1));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("is_compatible").asBoolean()).isTrue();
    }

    @Test
    void shouldApplyASubjectCompatibilityLevel() {
        http.register("level-none", RUN_V1);

        Reply put = http.put("/config/level-none", "{\"compatibility\": \"NONE\"}");
        Reply accepted = http.register("level-none", RUN_V3_REQUIRED_FIELD);

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().get("compatibility").asText()).isEqualTo("NONE");
        assertThat(http.get("/config/level-none").body().get("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(http.get("/subjects/level-none/versions").body()).hasSize(2);
    }

    @Test
    void shouldEnforceForwardAndFullLevels() {
        String withoutField = RUN_V1;
        String readerNeedsDefault = """
                {"type": "record", "name": "Run", "namespace": "test",
                 "fields": [{"name": "id", "type": "string"}, {"name": "extra", "type": "int"}]}""";
        http.put("/config/level-forward", "{\"compatibility\": \"FORWARD\"}");
        http.register("level-forward", withoutField);
        // FORWARD: the old schema must read new data; adding a required field is fine for an old reader.
        assertThat(http.register("level-forward", readerNeedsDefault).status()).isEqualTo(200);

        http.put("/config/level-full", "{\"compatibility\": \"full\"}");
        http.register("level-full", withoutField);
        // FULL: also BACKWARD, so the new required field without default is refused.
        assertThat(http.register("level-full", readerNeedsDefault).status()).isEqualTo(409);
        assertThat(http.register("level-full", RUN_V2).status()).isEqualTo(200);
    }

    @Test
    void shouldCheckEveryEarlierVersionUnderATransitiveLevel() {
        String v1 = """
                {"type": "record", "name": "T", "fields": [{"name": "a", "type": "int"}]}""";
        String v2 = """
                {"type": "record", "name": "T", "fields": [{"name": "a", "type": "int", "default": 0}]}""";
        String v3 = """
                {"type": "record", "name": "T", "fields": [{"name": "b", "type": "int", "default": 0}]}""";
        http.register("transitive", v1);
        http.register("transitive", v2);
        http.put("/config/transitive", "{\"compatibility\": \"FORWARD_TRANSITIVE\"}");
        // v1 must read v3 data too: v1 requires 'a' (no default) and v3 data has none -> refused.
        assertThat(http.post("/compatibility/subjects/transitive/versions", RegistryHttp.schemaBody(v3))
                .body().get("is_compatible").asBoolean()).isFalse();
        http.put("/config/transitive", "{\"compatibility\": \"FORWARD\"}");
        // Only v2 must read v3 data: v2 defaults 'a' -> accepted.
        assertThat(http.post("/compatibility/subjects/transitive/versions", RegistryHttp.schemaBody(v3))
                .body().get("is_compatible").asBoolean()).isTrue();
    }

    @Test
    void shouldReportConfigsAndTheirErrors() {
        Reply global = http.get("/config");
        assertThat(global.body().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        assertThat(global.body().get("compatibility").asText()).isEqualTo("BACKWARD");

        Reply unset = http.get("/config/config-unset");
        assertThat(unset.status()).isEqualTo(404);
        assertThat(unset.errorCode()).isEqualTo(40408);
        assertThat(http.get("/config/config-unset?defaultToGlobal=true").body().get("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");

        Reply invalid = http.put("/config/config-bad", "{\"compatibility\": \"SIDEWAYS\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorCode()).isEqualTo(42203);
        assertThat(invalid.body().get("message").asText()).contains("SIDEWAYS").contains("BACKWARD_TRANSITIVE");
    }

    @Test
    void shouldDecodeEncodedSubjectNames() {
        int id = http.register("gmn%2Fruns%20value+x", RUN_V1).body().get("id").asInt();

        assertThat(texts(http.get("/subjects").body())).contains("gmn/runs value+x");
        assertThat(http.get("/subjects/gmn%2Fruns%20value+x/versions/latest").body().get("id").asInt()).isEqualTo(id);
    }

    @Test
    void shouldAnswer404ForUnknownPathsAnd405ForWrongMethods() {
        Reply unknown = http.get("/nothing/here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo(404);

        Reply wrongMethod = http.send("DELETE", "/subjects", null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.errorCode()).isEqualTo(405);

        assertThat(http.get("/schemas/ids/abc").status()).isEqualTo(404);
        assertThat(http.get("/").status()).isEqualTo(200);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
