package io.gmnstream.streamjobs.builder.internal;

import org.apache.flink.api.java.functions.KeySelector;

/**
 * Keys a record by its run id (the Kafka key). Records without a key all go to {@link #NO_KEY}, a
 * key no run id can have, where they are dead-lettered.
 */
public final class RunIdKeySelector implements KeySelector<RawRecord, String> {
  private static final long serialVersionUID = 1L;

  /** Not a valid run id: the NUL character cannot come from a UTF-8 key written by a sane producer. */
  public static final String NO_KEY = "\u0000no-key";

  @Override
  public String getKey(RawRecord record) {
    String key = record.keyString();
    return key == null ? NO_KEY : key;
  }
}
