package io.gmnstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryClientConfigTest {

  @TempDir Path dir;

  @Test
  void shouldReadEveryKeyFromAKafkaConfigsMap() throws IOException {
    Path trustStore = Files.write(dir.resolve("truststore.p12"), new byte[] {1});
    Map<String, Object> configs = new HashMap<>();
    configs.put("schema.registry.url", " http://r1:8081, https://r2:8081/base ");
    configs.put("schema.registry.basic.auth.user", "svc");
    configs.put("schema.registry.basic.auth.password", new Password("s3cret"));
    configs.put("schema.registry.ssl.truststore.location", trustStore.toString());
    configs.put("schema.registry.ssl.truststore.password", "changeit");
    configs.put("schema.registry.ssl.truststore.type", "jks");
    configs.put("schema.registry.connect.timeout.ms", 1500);
    configs.put("schema.registry.request.timeout.ms", "2500");
    configs.put("schema.registry.max.retries", "5");
    configs.put("schema.registry.retry.backoff.ms", 50L);
    configs.put("schema.registry.retry.backoff.max.ms", "800");
    configs.put("bootstrap.servers", "ignored:9092");

    RegistryClientConfig config = RegistryClientConfig.fromMap(configs);

    assertThat(config).isEqualTo(new RegistryClientConfig(
        List.of(URI.create("http://r1:8081"), URI.create("https://r2:8081/base")),
        Optional.of("svc"), Optional.of("s3cret"), Optional.of(trustStore),
        Optional.of("changeit"), TrustStoreType.JKS, Duration.ofMillis(1500),
        Duration.ofMillis(2500), 5, Duration.ofMillis(50), Duration.ofMillis(800)));
  }

  @Test
  void shouldDefaultEverythingButTheUrl() {
    RegistryClientConfig config =
        RegistryClientConfig.fromMap(Map.of("schema.registry.url", "http://localhost:8081"));

    assertThat(config).isEqualTo(RegistryClientConfig.of(URI.create("http://localhost:8081")));
    assertThat(config.maxRetries()).isEqualTo(RegistryClientConfig.DEFAULT_MAX_RETRIES);
    assertThat(config.basicAuthUser()).isEmpty();
    assertThat(config.trustStorePath()).isEmpty();
  }

  @Test
  void shouldFailNamingTheBadKeyAndTheAllowedValues() {
    assertRejected(Map.of(), "schema.registry.url", "required");
    assertRejected(url("ftp://r:21"), "schema.registry.url", "http, https");
    assertRejected(url("http://"), "schema.registry.url", "");
    assertRejected(url(" , "), "schema.registry.url", "at least one");
    assertRejected(with("schema.registry.ssl.truststore.type", "PEM"),
        "schema.registry.ssl.truststore.type", "PKCS12, JKS");
    assertRejected(with("schema.registry.basic.auth.user", "svc"),
        "schema.registry.basic.auth.password", "together");
    assertRejected(with("schema.registry.max.retries", "-1"), "schema.registry.max.retries", ">= 0");
    assertRejected(with("schema.registry.max.retries", "three"), "schema.registry.max.retries",
        "integer");
    assertRejected(with("schema.registry.request.timeout.ms", "0"),
        "schema.registry.request.timeout.ms", "> 0");
    assertRejected(with("schema.registry.retry.backoff.max.ms", "10"),
        "schema.registry.retry.backoff.max.ms", "schema.registry.retry.backoff.ms");
    assertRejected(with("schema.registry.ssl.truststore.location", "/no/such/truststore.p12"),
        "schema.registry.ssl.truststore.location", "no readable file");
  }

  @Test
  void shouldNeverPrintThePassword() {
    RegistryClientConfig config = RegistryClientConfig.of(URI.create("http://r:8081"))
        .withBasicAuth("svc", "s3cret");

    assertThat(config.toString()).contains("svc").doesNotContain("s3cret");
  }

  @Test
  void shouldBuildTheBasicAuthHeader() {
    RegistryClientConfig config = RegistryClientConfig.of(URI.create("http://r:8081"))
        .withBasicAuth("svc", "pä:ss");

    // base64("svc:pä:ss") in UTF-8
    assertThat(HttpSchemaRegistryClient.basicAuthHeader(config)).hasValue("Basic c3ZjOnDDpDpzcw==");
    assertThat(HttpSchemaRegistryClient.basicAuthHeader(
        RegistryClientConfig.of(URI.create("http://r:8081")))).isEmpty();
  }

  @Test
  void shouldFailAtStartupOnATrustStoreThatDoesNotLoad() throws IOException {
    Path notAKeyStore = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----");
    RegistryClientConfig config = RegistryClientConfig.of(URI.create("https://r:8081"))
        .withTrustStore(notAKeyStore, "changeit", TrustStoreType.PKCS12);

    assertThatThrownBy(() -> new HttpSchemaRegistryClient(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.ssl.truststore.location")
        .hasMessageContaining("PKCS12");
  }

  @Test
  void shouldTrustTheConfiguredTrustStore() throws Exception {
    Path path = dir.resolve("empty.p12");
    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (var out = Files.newOutputStream(path)) {
      store.store(out, "changeit".toCharArray());
    }

    var context = SslContexts.trusting(path, "changeit".toCharArray(), TrustStoreType.PKCS12);

    assertThat(context.getProtocol()).isEqualTo("TLS");
    assertThatThrownBy(() -> SslContexts.trusting(path, "wrong".toCharArray(),
        TrustStoreType.PKCS12))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.ssl.truststore.password");
  }

  private static Map<String, Object> url(String url) {
    return Map.of("schema.registry.url", url);
  }

  private static Map<String, Object> with(String key, String value) {
    return Map.of("schema.registry.url", "http://localhost:8081", key, value);
  }

  private static void assertRejected(Map<String, Object> configs, String key, String hint) {
    assertThatThrownBy(() -> RegistryClientConfig.fromMap(configs))
        .as("%s", configs)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key)
        .hasMessageContaining(hint);
  }
}
