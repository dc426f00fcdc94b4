package io.gmnstream.streamjobs.hooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@value WebhookHeaders#SIGNATURE} header: an HMAC-SHA256 of the exact body bytes under the
 * endpoint's secret, as {@code sha256=<lowercase hex>}. Receivers verify it with
 * {@link #verify}, over the raw body bytes they received (not a re-serialised copy).
 */
public final class WebhookSignature {

  /** Prefix of the header value, naming the algorithm. */
  public static final String PREFIX = "sha256=";
  private static final String ALGORITHM = "HmacSHA256";

  private WebhookSignature() {}

  /** The header value for this body under this secret. */
  public static String sign(String secret, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
  }

  /**
   * Whether {@code headerValue} is the signature of {@code body} under {@code secret}. Compares in
   * constant time, so a forger learns nothing from how long a rejection takes. A missing header
   * does not verify.
   */
  public static boolean verify(String secret, byte[] body, String headerValue) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(body, "body");
    if (headerValue == null) {
      return false;
    }
    byte[] expected = sign(secret, body).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, headerValue.trim().getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] hmac(String secret, byte[] body) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(body, "body");
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      // Every Java platform must provide HmacSHA256 (JCA spec), and any non-empty key is valid.
      throw new IllegalStateException(ALGORITHM + " is unavailable in this JVM", e);
    }
  }
}
