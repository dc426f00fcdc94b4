package io.gmnstream.schemas.checkpoint;

import io.gmnstream.schemas.avro.WeightFormat;
import io.gmnstream.schemas.avro.WeightsReference;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The claim check of a checkpoint whose weights are stored elsewhere: the blob's SHA-256 as 64
 * lowercase hex digits and its size, as publishers write them and the graph builder verifies them.
 */
public final class WeightsReferences {
  private WeightsReferences() {}

  /** A reference to {@code blob}, stored at {@code uri}, with its digest and size. */
  public static WeightsReference of(WeightFormat format, String uri, byte[] blob) {
    return WeightsReference.newBuilder().setFormat(format).setUri(uri).setSha256(sha256Hex(blob))
        .setSizeBytes(blob.length).build();
  }

  /** SHA-256 of the bytes, lowercase hex: the form {@code WeightsReference.sha256} takes. */
  public static String sha256Hex(byte[] blob) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
