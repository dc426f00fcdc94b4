package io.gmnstream.streamjobs.monitor.web.internal;

/** Thrown by a handler for a request it cannot serve as asked; answered 400 with the message. */
public final class BadRequestException extends RuntimeException {

  public BadRequestException(String message) {
    super(message);
  }

  public BadRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
