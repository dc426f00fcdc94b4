package io.gmnstream.streamjobs.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  private static final byte[] BODY = "{\"alertId\":\"a1\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void shouldMatchRfc4231VectorWhenSigning() {
    // RFC 4231 test case 2: key "Jefe".
    byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
    assertThat(WebhookSignature.sign("Jefe", data)).isEqualTo(
        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void shouldVerifyWhenSecretAndBodyMatch() {
    String header = WebhookSignature.sign("s3cret", BODY);

    assertThat(WebhookSignature.verify("s3cret", BODY, header)).isTrue();
  }

  @Test
  void shouldNotVerifyWhenSecretBodyOrHeaderDiffer() {
    String header = WebhookSignature.sign("s3cret", BODY);
    byte[] tampered = "{\"alertId\":\"a2\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSignature.verify("other", BODY, header)).isFalse();
    assertThat(WebhookSignature.verify("s3cret", tampered, header)).isFalse();
    assertThat(WebhookSignature.verify("s3cret", BODY, header.toUpperCase())).isFalse();
    assertThat(WebhookSignature.verify("s3cret", BODY, null)).isFalse();
  }
}
