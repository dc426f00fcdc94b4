package io.gmnstream.streamjobs.blob;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how referenced checkpoint weights (claim checks) may be fetched.
 *
 * @param allowedPrefixes URI prefixes a reference must lie under, e.g. {@code file:///data/blobs/} or
 *     {@code https://blobs.example.com/checkpoints/}; empty refuses every reference
 * @param maxBlobBytes largest declared blob size that is fetched at all
 * @param connectTimeout TCP connect timeout of http(s) fetches
 * @param readTimeout time allowed for one http(s) fetch, from request to last byte
 */
public record BlobFetchConfig(List<String> allowedPrefixes, long maxBlobBytes, Duration connectTimeout,
    Duration readTimeout) implements Serializable {

  public static final long DEFAULT_MAX_BLOB_BYTES = 256L << 20;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  public BlobFetchConfig {
    Objects.requireNonNull(allowedPrefixes, "blobs.allowedPrefixes");
    allowedPrefixes = List.copyOf(allowedPrefixes);
    for (String prefix : allowedPrefixes) {
      // Parsed now so that a bad prefix fails at startup, not at the first reference.
      BlobUriPolicy.parsePrefix(prefix);
    }
    if (maxBlobBytes <= 0 || maxBlobBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("blobs.maxBlobBytes must be in [1, " + (Integer.MAX_VALUE - 8)
          + "] (blobs are read into one array), got " + maxBlobBytes);
    }
    requirePositive("blobs.connectTimeout", connectTimeout);
    requirePositive("blobs.readTimeout", readTimeout);
  }

  /** No reference allowed, 256 MiB, 5 s connect, 60 s read. */
  public static BlobFetchConfig defaults() {
    return new BlobFetchConfig(List.of(), DEFAULT_MAX_BLOB_BYTES, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
  }

  public BlobFetchConfig withAllowedPrefixes(List<String> prefixes) {
    return new BlobFetchConfig(prefixes, maxBlobBytes, connectTimeout, readTimeout);
  }

  public BlobFetchConfig withMaxBlobBytes(long bytes) {
    return new BlobFetchConfig(allowedPrefixes, bytes, connectTimeout, readTimeout);
  }

  public BlobFetchConfig withConnectTimeout(Duration timeout) {
    return new BlobFetchConfig(allowedPrefixes, maxBlobBytes, timeout, readTimeout);
  }

  public BlobFetchConfig withReadTimeout(Duration timeout) {
    return new BlobFetchConfig(allowedPrefixes, maxBlobBytes, connectTimeout, timeout);
  }

  static void requirePositive(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be a positive duration, got " + value);
    }
  }
}
