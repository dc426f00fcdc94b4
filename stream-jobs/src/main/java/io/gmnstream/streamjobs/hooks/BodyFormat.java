package io.gmnstream.streamjobs.hooks;

/** The shape of the JSON body a webhook receives. */
public enum BodyFormat {
  /** The alert's fields as a flat JSON object: for receivers of our own. */
  JSON,
  /** A Slack incoming-webhook message: {@code text} plus a coloured attachment with blocks. */
  SLACK
}
