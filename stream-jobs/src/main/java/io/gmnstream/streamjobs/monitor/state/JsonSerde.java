package io.gmnstream.streamjobs.monitor.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serde of the monitor's own records (state store values, the repartitioned peer
 * observations): readable in a changelog dump, and tolerant of fields added later, which are
 * ignored by older readers and absent (default) for newer ones.
 */
public final class JsonSerde<T> implements Serde<T> {

  private final Class<T> type;
  // NaN reaches the state when a scorer predicts one; it must survive a round trip.
  private final ObjectMapper mapper = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .build();

  public JsonSerde(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        return mapper.writeValueAsBytes(value);
      } catch (JsonProcessingException e) {
        throw new SerializationException("Cannot write " + type.getSimpleName() + " as JSON for " + topic, e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return mapper.readValue(bytes, type);
      } catch (IOException e) {
        throw new SerializationException("Cannot read " + type.getSimpleName() + " JSON from " + topic, e);
      }
    };
  }
}
