package io.gmnstream.streamjobs.hooks.internal;

import io.gmnstream.schemas.avro.RunAlert;
import io.gmnstream.streamjobs.hooks.BodyFormat;

/** Renders an alert as the UTF-8 JSON body of a webhook request. Thread-safe. */
public interface AlertBodyRenderer {

  byte[] render(RunAlert alert);

  static AlertBodyRenderer of(BodyFormat format) {
    return switch (format) {
      case JSON -> new JsonAlertBody();
      case SLACK -> new SlackAlertBody();
    };
  }
}
