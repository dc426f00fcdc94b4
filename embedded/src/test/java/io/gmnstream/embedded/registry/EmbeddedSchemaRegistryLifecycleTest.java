package io.gmnstream.embedded.registry;

import io.gmnstream.embedded.ConfigException;
import io.gmnstream.embedded.kafka.EmbeddedKafkaBroker;
import io.gmnstream.embedded.kafka.KafkaBrokerConfig;
import io.gmnstream.embedded.registry.RegistryHttp.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.gmnstream.embedded.registry.TestSchemas.OTHER;
import static io.gmnstream.embedded.registry.TestSchemas.RUN_V1;
import static io.gmnstream.embedded.registry.TestSchemas.RUN_V2;
import static io.gmnstream.embedded.registry.TestSchemas.RUN_V3_REQUIRED_FIELD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Durability across restarts, basic auth and HTTPS; each test uses a registry topic of its own. */
public class EmbeddedSchemaRegistryLifecycleTest {
    public static final String KEYSTORE_PASSWORD = "changeit-for-tests";

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(KafkaBrokerConfig.defaults());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldServeTheSameIdsVersionsAndConfigsAfterARestart() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder(broker.bootstrapServers())
                .topic("_schemas_restart").build();
        int v1;
        int v2;
        int other;
        try (EmbeddedSchemaRegistry first = EmbeddedSchemaRegistry.start(config)) {
            RegistryHttp http = RegistryHttp.to(first.url());
            v1 = http.register("durable", RUN_V1).body().get("id").asInt();
            v2 = http.register("durable", RUN_V2).body().get("id").asInt();
            other = http.register("durable-other", OTHER).body().get("id").asInt();
            http.put("/config", "{\"compatibility\": \"FULL\"}");
            http.put("/config/durable-other", "{\"compatibility\": \"NONE\"}");
        }

        try (EmbeddedSchemaRegistry second = EmbeddedSchemaRegistry.start(config)) {
            RegistryHttp http = RegistryHttp.to(second.url());
            assertThat(http.get("/subjects").body().toString()).isEqualTo("[\"durable\",\"durable-other\"]");
            assertThat(http.get("/subjects/durable/versions/1").body().get("id").asInt()).isEqualTo(v1);
            assertThat(http.get("/subjects/durable/versions/latest").body().get("id").asInt()).isEqualTo(v2);
            assertThat(http.get("/schemas/ids/" + other).status()).isEqualTo(200);
            assertThat(http.get("/config").body().get("compatibilityLevel").asText()).isEqualTo("FULL");
            assertThat(http.get("/config/durable-other").body().get("compatibilityLevel").asText()).isEqualTo("NONE");
            // The restored rules still apply, and new ids continue after the restored ones.
            assertThat(http.register("durable", RUN_V3_REQUIRED_FIELD).status()).isEqualTo(409);
            int next = http.register("durable-third", "\"string\"").body().get("id").asInt();
            assertThat(next).isGreaterThan(Math.max(v1, Math.max(v2, other)));
        }
    }

    @Test
    void shouldRequireBasicAuthWhenConfigured() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder(broker.bootstrapServers())
                .topic("_schemas_auth").basicAuth("gmn", "s3cret").build();
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(config)) {
            RegistryHttp anonymous = RegistryHttp.to(registry.url());
            Reply refused = anonymous.get("/subjects");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.errorCode()).isEqualTo(40101);

            assertThat(anonymous.withBasicAuth("gmn", "wrong").register("auth", RUN_V1).status()).isEqualTo(401);

            RegistryHttp authorised = anonymous.withBasicAuth("gmn", "s3cret");
            assertThat(authorised.register("auth", RUN_V1).status()).isEqualTo(200);
            assertThat(authorised.get("/subjects").body().toString()).isEqualTo("[\"auth\"]");
        }
    }

    @Test
    void shouldServeHttpsWithTheConfiguredKeystore(@TempDir Path dir) throws Exception {
        Path keystore = createSelfSignedKeystore(dir);
        SchemaRegistryConfig config = SchemaRegistryConfig.builder(broker.bootstrapServers())
                .topic("_schemas_tls").tls(TlsConfig.pkcs12(keystore, KEYSTORE_PASSWORD)).build();
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(config)) {
            assertThat(registry.url().getScheme()).isEqualTo("https");
            RegistryHttp http = RegistryHttp.to(registry.url(), trusting(keystore));

            assertThat(http.register("tls", RUN_V1).status()).isEqualTo(200);
            assertThat(http.get("/subjects/tls/versions").body().toString()).isEqualTo("[1]");
        }
    }

    @Test
    void shouldRejectInvalidSettingsNamingTheKey() {
        assertThatThrownBy(() -> SchemaRegistryConfig.builder(broker.bootstrapServers()).port(-1).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> SchemaRegistryConfig.builder(broker.bootstrapServers()).topic("bad topic").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("topic");
        assertThatThrownBy(() -> SchemaRegistryConfig.builder(" ").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("bootstrapServers");
        assertThatThrownBy(() -> new BasicAuthCredentials("a:b", "pw"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("basicAuth.user");
        assertThatThrownBy(() -> TlsConfig.pkcs12(Path.of("/no/such/keystore.p12"), "pw"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tls.keystore");
        assertThat(CompatibilityLevel.parse("backward_transitive")).contains(CompatibilityLevel.BACKWARD_TRANSITIVE);
    }

    /** A key pair with a certificate for 127.0.0.1, made by the JDK's keytool. */
    public static Path createSelfSignedKeystore(Path dir) throws IOException, InterruptedException {
        Path keystore = dir.resolve("registry.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "registry",
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as("keytool: " + output).isZero();
        return keystore;
    }

    static SSLContext trusting(Path keystore) throws Exception {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trustStore.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
