package io.gmnstream.streamjobs.monitor.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryParametersTest {

  @Test
  void shouldDecodeValuesAndKeepTheFirstOfARepeatedName() {
    QueryParameters query = QueryParameters.parse("access_token=a%2Bb%3D&limit=5&limit=9&flag");

    assertThat(query.get("access_token")).contains("a+b=");
    assertThat(query.get("limit")).contains("5");
    assertThat(query.get("flag")).contains("");
    assertThat(query.get("missing")).isEmpty();
  }

  @Test
  void shouldClampANumberToItsMaximumAndRefuseOneBelowItsMinimum() {
    assertThat(QueryParameters.parse("limit=500").intInRange("limit", 50, 1, 200)).isEqualTo(200);
    assertThat(QueryParameters.parse(null).intInRange("limit", 50, 1, 200)).isEqualTo(50);
    assertThatThrownBy(() -> QueryParameters.parse("limit=0").intInRange("limit", 50, 1, 200))
        .isInstanceOf(BadRequestException.class).hasMessageContaining("limit");
  }

  @Test
  void shouldRefuseAMalformedEscapeAsABadRequest() {
    assertThatThrownBy(() -> QueryParameters.parse("limit=%zz")).isInstanceOf(BadRequestException.class);
  }
}
