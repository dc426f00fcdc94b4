package io.gmnstream.streamjobs.hooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ResponseClassifierTest {

  @Test
  void shouldAcceptWhenStatusIs2xx() {
    assertThat(ResponseClassifier.classify(204, Optional.empty(), ""))
        .isEqualTo(new AttemptResult.Accepted(204));
  }

  @Test
  void shouldRetryWhenStatusIs5xx408Or429() {
    for (int status : new int[] {500, 502, 503, 408, 429}) {
      assertThat(ResponseClassifier.classify(status, Optional.empty(), ""))
          .as("HTTP %d", status).isInstanceOf(AttemptResult.Retryable.class);
    }
  }

  @Test
  void shouldRefuseWhenStatusIsOther4xxOrRedirect() {
    assertThat(ResponseClassifier.classify(400, Optional.empty(), "invalid_blocks"))
        .isEqualTo(new AttemptResult.Refused("HTTP 400: invalid_blocks"));
    assertThat(ResponseClassifier.classify(404, Optional.empty(), ""))
        .isInstanceOf(AttemptResult.Refused.class);
    assertThat(((AttemptResult.Refused) ResponseClassifier.classify(301, Optional.empty(), "")).error())
        .contains("redirects are not followed");
  }

  @Test
  void shouldReadRetryAfterSecondsWhenPresentAndIgnoreDates() {
    AttemptResult withSeconds = ResponseClassifier.classify(429, Optional.of(" 7 "), "");
    AttemptResult withDate = ResponseClassifier.classify(503, Optional.of("Wed, 21 Oct 2015 07:28:00 GMT"), "");

    assertThat(((AttemptResult.Retryable) withSeconds).retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(((AttemptResult.Retryable) withDate).retryAfter()).isEmpty();
  }

  @Test
  void shouldRetryWhenRequestTimesOutOrCannotConnect() {
    assertThat(ResponseClassifier.classify(new CompletionException(new HttpTimeoutException("request timed out")),
        Duration.ofSeconds(3)))
        .isInstanceOf(AttemptResult.Retryable.class)
        .extracting(r -> ((AttemptResult.Retryable) r).error()).asString().isEqualTo("timed out: no response within PT3S");
    assertThat(ResponseClassifier.classify(new ConnectException("Connection refused"), Duration.ofSeconds(3)))
        .isInstanceOf(AttemptResult.Retryable.class);
  }
}
