package io.gmnstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SerdeConfigTest {

  @Test
  void shouldAutoRegisterByDefault() {
    SerdeConfig config = SerdeConfig.fromMap(Map.of("schema.registry.url", "http://r:8081"));

    assertThat(config.autoRegister()).isTrue();
    assertThat(config.registry().urls()).hasSize(1);
  }

  @Test
  void shouldReadAutoRegister() {
    assertThat(SerdeConfig.fromMap(Map.of("schema.registry.url", "http://r:8081",
        "auto.register.schemas", false)).autoRegister()).isFalse();
    assertThat(SerdeConfig.fromMap(Map.of("schema.registry.url", "http://r:8081",
        "auto.register.schemas", " FALSE ")).autoRegister()).isFalse();
  }

  @Test
  void shouldRejectANonBooleanAutoRegisterListingTheAllowedValues() {
    assertThatThrownBy(() -> SerdeConfig.fromMap(Map.of("schema.registry.url", "http://r:8081",
        "auto.register.schemas", "yes")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("auto.register.schemas")
        .hasMessageContaining("true, false");
  }
}
