package io.gmnstream.streamjobs.blob;

import io.gmnstream.schemas.avro.DeadLetterReason;
import io.gmnstream.schemas.avro.WeightsReference;
import io.gmnstream.schemas.checkpoint.WeightsReferences;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Fetches and verifies the blob a {@link WeightsReference} points to (claim check). The URI must pass
 * the {@link BlobUriPolicy} before anything is opened; the declared size is checked against the limit
 * before reading, at most the declared size + 1 bytes are read, and size and SHA-256 must match.
 * Not thread-safe in the sense that one instance serves one task (the http client is created lazily).
 */
public final class BlobFetcher {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private final BlobFetchConfig config;
  private final BlobUriPolicy policy;
  private HttpClient http;

  public BlobFetcher(BlobFetchConfig config) {
    this.config = config;
    this.policy = new BlobUriPolicy(config.allowedPrefixes());
  }

  /**
   * The verified blob bytes.
   *
   * @throws BlobFetchException with reason URI_NOT_ALLOWED, TOO_LARGE, BLOB_MISSING, BLOB_MISMATCH or
   *     CORRUPT_RECORD (a reference whose size or hash field is malformed)
   */
  public byte[] fetch(WeightsReference reference) {
    String uri = reference.getUri();
    long size = reference.getSizeBytes();
    String sha256 = reference.getSha256();
    if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
      throw new BlobFetchException(DeadLetterReason.CORRUPT_RECORD, "reference to " + uri
          + " has sha256 '" + sha256 + "': it must be the blob's SHA-256 as 64 hex digits");
    }
    if (size < 0) {
      throw new BlobFetchException(DeadLetterReason.CORRUPT_RECORD,
          "reference to " + uri + " declares a negative size " + size);
    }
    if (size > config.maxBlobBytes()) {
      throw new BlobFetchException(DeadLetterReason.TOO_LARGE, "blob " + uri + " declares " + size
          + " bytes, more than the limit of " + config.maxBlobBytes()
          + " (blobs.maxBlobBytes): publish smaller checkpoints or raise the limit");
    }
    BlobUriPolicy.Location location = policy.check(uri);
    int readLimit = (int) size + 1; // one byte more than declared reveals a longer blob
    byte[] data = location instanceof BlobUriPolicy.FileLocation file
        ? readFile(file, readLimit)
        : readHttp((BlobUriPolicy.HttpLocation) location, readLimit);
    verify(uri, data, size, sha256.toLowerCase(Locale.ROOT));
    return data;
  }

  private static byte[] readFile(BlobUriPolicy.FileLocation file, int readLimit) {
    if (!Files.isRegularFile(file.realPath())) {
      throw new BlobFetchException(DeadLetterReason.BLOB_MISSING, "blob " + file.uri() + " is not a regular file");
    }
    try (InputStream in = Files.newInputStream(file.realPath())) {
      return in.readNBytes(readLimit);
    } catch (IOException e) {
      throw new BlobFetchException(DeadLetterReason.BLOB_MISSING, "blob " + file.uri() + " cannot be read: " + e, e);
    }
  }

  private byte[] readHttp(BlobUriPolicy.HttpLocation web, int readLimit) {
    HttpRequest request = HttpRequest.newBuilder(web.uri()).GET().timeout(config.readTimeout()).build();
    CompletableFuture<HttpResponse<byte[]>> response = client().sendAsync(request,
        info -> info.statusCode() == 200 ? new BoundedBodySubscriber(readLimit)
            : HttpResponse.BodySubscribers.replacing(new byte[0]));
    HttpResponse<byte[]> answer;
    try {
      // The request timeout covers the headers only: this bounds the body too.
      answer = response.get(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      response.cancel(true);
      throw timedOut(web, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof HttpTimeoutException timeout) {
        throw timedOut(web, timeout);
      }
      throw new BlobFetchException(DeadLetterReason.BLOB_MISSING,
          "blob " + web.uri() + " cannot be fetched: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response.cancel(true);
      throw new IllegalStateException("interrupted while fetching " + web.uri(), e);
    }
    int status = answer.statusCode();
    if (status != 200) {
      String hint = status >= 300 && status < 400
          ? ": redirects are not followed, reference the blob's final location" : "";
      throw new BlobFetchException(DeadLetterReason.BLOB_MISSING,
          "blob " + web.uri() + " answered HTTP " + status + hint);
    }
    return answer.body();
  }

  private BlobFetchException timedOut(BlobUriPolicy.HttpLocation web, Exception cause) {
    return new BlobFetchException(DeadLetterReason.BLOB_MISSING, "blob " + web.uri() + " was not fetched within "
        + config.readTimeout() + " (blobs.readTimeout)", cause);
  }

  private static void verify(String uri, byte[] data, long size, String sha256) {
    if (data.length != size) {
      throw new BlobFetchException(DeadLetterReason.BLOB_MISMATCH, "blob " + uri + " has "
          + (data.length > size ? "more than " + size : String.valueOf(data.length)) + " bytes but the reference "
          + "declares " + size + ": the blob changed after the checkpoint was published, or the size is wrong");
    }
    String actual = WeightsReferences.sha256Hex(data);
    if (!actual.equals(sha256)) {
      throw new BlobFetchException(DeadLetterReason.BLOB_MISMATCH, "blob " + uri + " has SHA-256 " + actual
          + " but the reference declares " + sha256 + ": the blob changed after the checkpoint was published");
    }
  }

  private HttpClient client() {
    if (http == null) {
      http = HttpClient.newBuilder()
          .connectTimeout(config.connectTimeout())
          // A redirect could lead to a host that is not allowed.
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
    }
    return http;
  }
}
