package io.gmnstream.streamjobs.monitor.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;

/**
 * The dashboard's one JSON writer. Records (views, {@code RunSummary}, {@code RunHistory}) are written
 * by their component names. A non-finite number (a run whose weights blew up) is written as the
 * string {@code "NaN"} or {@code "Infinity"}: still valid JSON for the browser, and read back as the
 * same double by Jackson on a peer monitor.
 */
public final class DashboardJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .build();

  private DashboardJson() {}

  public static byte[] bytes(Object value) {
    return string(value).getBytes(StandardCharsets.UTF_8);
  }

  public static String string(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      // Only our own records are written: a failure is a bug, not bad input.
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** A JSON error body: {@code {"status": 404, "error": "..."}}. */
  public static byte[] error(int status, String message) {
    return bytes(new ErrorBody(status, message));
  }

  private record ErrorBody(int status, String error) {}
}
