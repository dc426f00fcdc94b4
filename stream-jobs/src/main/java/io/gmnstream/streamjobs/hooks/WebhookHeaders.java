package io.gmnstream.streamjobs.hooks;

/** The HTTP headers every webhook request carries, for receivers to read. */
public final class WebhookHeaders {

  /**
   * {@code sha256=<lowercase hex HMAC-SHA256(secret, body)>}, present only when the endpoint has a
   * secret; check it with {@link WebhookSignature#verify}.
   */
  public static final String SIGNATURE = "X-Gmn-Signature-256";

  /**
   * Id of the delivery of one alert record to one endpoint: the same on every retry, and after a
   * restart that re-reads the record, so receivers can drop duplicates.
   */
  public static final String DELIVERY = "X-Gmn-Delivery";

  /** What happened; always {@value #EVENT_ALERT} for now. */
  public static final String EVENT = "X-Gmn-Event";

  /** The {@value #EVENT} value of an alert raised or resolved by the run monitor. */
  public static final String EVENT_ALERT = "alert";

  /** The User-Agent the hooks send. */
  public static final String USER_AGENT = "gmn-stream-alert-hooks";

  private WebhookHeaders() {}
}
