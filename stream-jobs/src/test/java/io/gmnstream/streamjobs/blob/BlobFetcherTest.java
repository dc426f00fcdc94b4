package io.gmnstream.streamjobs.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.gmnstream.schemas.avro.DeadLetterReason;
import io.gmnstream.schemas.avro.WeightFormat;
import io.gmnstream.schemas.avro.WeightsReference;
import io.gmnstream.schemas.checkpoint.WeightsReferences;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class BlobFetcherTest {

  static final byte[] BLOB = "weights, in safetensors in real life".getBytes(StandardCharsets.UTF_8);

  @TempDir Path temp;
  Path allowed;
  HttpServer server;
  final AtomicInteger requests = new AtomicInteger();
  final CountDownLatch releaseSlowResponse = new CountDownLatch(1);

  @BeforeEach
  void setUp() throws Exception {
    allowed = Files.createDirectories(temp.resolve("allowed"));
    Files.write(allowed.resolve("blob.bin"), BLOB);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/ckpts/", exchange -> {
      requests.incrementAndGet();
      String path = exchange.getRequestURI().getPath();
      if (path.endsWith("/slow.bin")) {
        await(releaseSlowResponse);
      }
      if (path.endsWith("/redirect.bin")) {
        exchange.getResponseHeaders().add("Location", "http://example.com/x");
        exchange.sendResponseHeaders(302, -1);
      } else if (path.endsWith("/blob.bin") || path.endsWith("/slow.bin")) {
        exchange.sendResponseHeaders(200, BLOB.length);
        try (OutputStream body = exchange.getResponseBody()) {
          body.write(BLOB);
        }
      } else if (path.endsWith("/endless.bin")) {
        exchange.sendResponseHeaders(200, 0); // chunked: the server would send forever
        try (OutputStream body = exchange.getResponseBody()) {
          for (int i = 0; i < 1000; i++) {
            body.write(new byte[1024]);
          }
        } catch (java.io.IOException expected) {
          // the client hung up after its limit: that is the point
        }
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void tearDown() {
    releaseSlowResponse.countDown();
    server.stop(0);
  }

  @Test
  void shouldFetchAndVerifyAFileUnderAnAllowedPrefix() {
    byte[] data = fetcher().fetch(reference(allowed.resolve("blob.bin").toUri().toString(), BLOB));

    assertThat(data).isEqualTo(BLOB);
  }

  @Test
  void shouldFetchAndVerifyOverHttpUnderAnAllowedPrefix() {
    byte[] data = fetcher().fetch(reference(http("/ckpts/run-a/blob.bin"), BLOB));

    assertThat(data).isEqualTo(BLOB);
  }

  @Test
  void shouldRefuseEtcPasswdWithoutOpeningIt() {
    assertRefused("file:///etc/passwd", DeadLetterReason.URI_NOT_ALLOWED, "not under an allowed prefix");
  }

  @Test
  void shouldRefuseDotDotSegmentsEvenWhenTheyStartUnderAnAllowedPrefix() {
    assertRefused(allowed.toUri() + "../../../etc/passwd", DeadLetterReason.URI_NOT_ALLOWED, "'..'");
    assertRefused(allowed.toUri() + "%2e%2e/%2e%2e/etc/passwd", DeadLetterReason.URI_NOT_ALLOWED, "'..'");
    assertRefused(allowed.toUri() + "..%2f..%2fetc/passwd", DeadLetterReason.URI_NOT_ALLOWED, "encoded separator");
  }

  @Test
  void shouldRefuseASymbolicLinkThatLeadsOutOfTheAllowedDirectory() throws Exception {
    Path outside = Files.write(temp.resolve("secret.bin"), BLOB);
    Path link = Files.createSymbolicLink(allowed.resolve("link.bin"), outside);

    assertRefused(link.toUri().toString(), DeadLetterReason.URI_NOT_ALLOWED, "symbolic link");
  }

  @Test
  void shouldRefuseASiblingDirectorySharingTheAllowedPrefixText() throws Exception {
    Path sibling = Files.createDirectories(temp.resolve("allowed-evil"));
    Files.write(sibling.resolve("blob.bin"), BLOB);

    assertRefused(sibling.resolve("blob.bin").toUri().toString(), DeadLetterReason.URI_NOT_ALLOWED, "not under");
  }

  @Test
  void shouldRefuseOtherSchemesHostsPortsAndPaths() {
    assertRefused("ftp://127.0.0.1/ckpts/blob.bin", DeadLetterReason.URI_NOT_ALLOWED, "scheme 'ftp'");
    assertRefused("jar:file:///x.jar!/blob.bin", DeadLetterReason.URI_NOT_ALLOWED, "absolute hierarchical");
    assertRefused("http://example.com/ckpts/blob.bin", DeadLetterReason.URI_NOT_ALLOWED, "not under an allowed");
    assertRefused("http://127.0.0.1:1/ckpts/blob.bin", DeadLetterReason.URI_NOT_ALLOWED, "not under an allowed");
    assertRefused(http("/other/blob.bin"), DeadLetterReason.URI_NOT_ALLOWED, "not under an allowed");
    assertRefused(http("/ckpts-evil/blob.bin"), DeadLetterReason.URI_NOT_ALLOWED, "not under an allowed");
    assertRefused("http://user:pw@127.0.0.1:" + server.getAddress().getPort() + "/ckpts/blob.bin",
        DeadLetterReason.URI_NOT_ALLOWED, "credentials");
    assertRefused("file://otherhost" + allowed.resolve("blob.bin").toUri().getPath(),
        DeadLetterReason.URI_NOT_ALLOWED, "local path");
    assertRefused("not a uri", DeadLetterReason.URI_NOT_ALLOWED, "not a valid URI");
    assertThat(requests).hasValue(0);
  }

  @Test
  void shouldRefuseEveryReferenceWhenNoPrefixIsConfigured() {
    BlobFetcher none = new BlobFetcher(BlobFetchConfig.defaults());

    assertThatThrownBy(() -> none.fetch(reference(allowed.resolve("blob.bin").toUri().toString(), BLOB)))
        .isInstanceOfSatisfying(BlobFetchException.class,
            e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.URI_NOT_ALLOWED))
        .hasMessageContaining("none are configured");
  }

  @Test
  void shouldRefuseADeclaredSizeOverTheLimitBeforeOpeningAnything() {
    BlobFetcher small = new BlobFetcher(config().withMaxBlobBytes(8));

    assertThatThrownBy(() -> small.fetch(reference(http("/ckpts/blob.bin"), BLOB)))
        .isInstanceOfSatisfying(BlobFetchException.class, e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.TOO_LARGE))
        .hasMessageContaining("declares " + BLOB.length + " bytes, more than the limit of 8");
    assertThat(requests).hasValue(0);
  }

  @Test
  void shouldReportSizeAndHashMismatches() {
    String uri = allowed.resolve("blob.bin").toUri().toString();
    WeightsReference shorter = WeightsReference.newBuilder(reference(uri, BLOB)).setSizeBytes(BLOB.length - 1).build();
    WeightsReference longer = WeightsReference.newBuilder(reference(uri, BLOB)).setSizeBytes(BLOB.length + 5).build();
    WeightsReference otherHash = WeightsReference.newBuilder(reference(uri, BLOB)).setSha256("ab".repeat(32)).build();

    assertMismatch(shorter, "has more than " + (BLOB.length - 1) + " bytes");
    assertMismatch(longer, "has " + BLOB.length + " bytes but the reference declares " + (BLOB.length + 5));
    assertMismatch(otherHash, "declares " + "ab".repeat(32));
    assertMismatch(WeightsReference.newBuilder(reference(http("/ckpts/blob.bin"), BLOB)).setSha256("cd".repeat(32)).build(),
        "SHA-256");
  }

  @Test
  void shouldReadNoMoreThanTheDeclaredSizePlusOneFromAnEndlessBody() {
    WeightsReference reference = reference(http("/ckpts/endless.bin"), BLOB);

    assertMismatch(reference, "has more than " + BLOB.length + " bytes");
  }

  @Test
  void shouldReportMissingFilesAnd404AsBlobMissing() {
    assertRefused(allowed.resolve("nope.bin").toUri().toString(), DeadLetterReason.BLOB_MISSING, "does not exist");
    assertRefused(http("/ckpts/nope.bin"), DeadLetterReason.BLOB_MISSING, "HTTP 404");
    assertRefused(http("/ckpts/redirect.bin"), DeadLetterReason.BLOB_MISSING, "redirects are not followed");
  }

  @Test
  void shouldGiveUpOnASlowServerAfterTheReadTimeout() {
    BlobFetcher impatient = new BlobFetcher(config().withReadTimeout(Duration.ofMillis(300)));

    assertThatThrownBy(() -> impatient.fetch(reference(http("/ckpts/slow.bin"), BLOB)))
        .isInstanceOfSatisfying(BlobFetchException.class,
            e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.BLOB_MISSING))
        .hasMessageContaining("not fetched within PT0.3S");
  }

  @Test
  void shouldRefuseMalformedReferences() {
    String uri = allowed.resolve("blob.bin").toUri().toString();

    assertThatThrownBy(() -> fetcher().fetch(WeightsReference.newBuilder(reference(uri, BLOB)).setSha256("xyz").build()))
        .isInstanceOfSatisfying(BlobFetchException.class,
            e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.CORRUPT_RECORD))
        .hasMessageContaining("64 hex digits");
    assertThatThrownBy(() -> fetcher().fetch(WeightsReference.newBuilder(reference(uri, BLOB)).setSizeBytes(-1).build()))
        .isInstanceOfSatisfying(BlobFetchException.class,
            e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.CORRUPT_RECORD));
  }

  @Test
  void shouldRefuseBadPrefixesInTheConfiguration() {
    assertThatThrownBy(() -> config().withAllowedPrefixes(List.of("/data/blobs")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("blobs.allowedPrefixes entry '/data/blobs' must be an absolute file:///, http:// or https:// URI, "
            + "e.g. file:///data/blobs/");
    assertThatThrownBy(() -> config().withAllowedPrefixes(List.of("file:///data/../etc")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("blobs.allowedPrefixes entry 'file:///data/../etc' must not contain '..'");
    assertThatThrownBy(() -> config().withMaxBlobBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("blobs.maxBlobBytes must be in [1, ");
  }

  private BlobFetchConfig config() {
    return BlobFetchConfig.defaults()
        .withAllowedPrefixes(List.of(allowed.toUri().toString(), http("/ckpts/")))
        .withReadTimeout(Duration.ofSeconds(5));
  }

  private BlobFetcher fetcher() {
    return new BlobFetcher(config());
  }

  private String http(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void assertRefused(String uri, DeadLetterReason reason, String message) {
    assertThatThrownBy(() -> fetcher().fetch(reference(uri, BLOB)))
        .isInstanceOfSatisfying(BlobFetchException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(message);
  }

  private void assertMismatch(WeightsReference reference, String message) {
    assertThatThrownBy(() -> fetcher().fetch(reference))
        .isInstanceOfSatisfying(BlobFetchException.class,
            e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.BLOB_MISMATCH))
        .hasMessageContaining(message);
  }

  static WeightsReference reference(String uri, byte[] blob) {
    return WeightsReferences.of(WeightFormat.SAFETENSORS, uri, blob);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
