package io.gmnstream.schemas.graph;

/** A gmn.graphs record whose arrays do not form a valid parameter graph. */
public final class MalformedGraphRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedGraphRecordException(String message) {
    super(message);
  }
}
