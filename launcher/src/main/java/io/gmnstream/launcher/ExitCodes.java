package io.gmnstream.launcher;

import io.gmnstream.paramgraph.GraphException;
import java.io.IOException;
import picocli.CommandLine;

/** Exit statuses that scripts rely on. */
public final class ExitCodes {
  public static final int OK = 0;
  /** An unexpected failure inside gmn-stream (a bug or an environment problem). */
  public static final int INTERNAL_ERROR = 1;
  /** The input cannot be used (bad file, bad arguments); the message says why. */
  public static final int BAD_INPUT = 2;

  private ExitCodes() {}

  public static int forException(Throwable error) {
    return isBadInput(error) ? BAD_INPUT : INTERNAL_ERROR;
  }

  static boolean isBadInput(Throwable error) {
    return error instanceof GraphException
        || error instanceof BadInputException
        || error instanceof CommandLine.ParameterException
        || error instanceof IOException;
  }
}
