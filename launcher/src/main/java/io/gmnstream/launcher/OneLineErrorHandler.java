package io.gmnstream.launcher;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Prints a failed command's error as one line on stderr, never a stack trace (set GMN_DEBUG=1 to get
 * one), and maps it to an exit status.
 */
public final class OneLineErrorHandler implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(
      Exception error, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    commandLine.getErr().println("gmn-stream " + commandLine.getCommandName() + ": " + describe(error));
    if (System.getenv("GMN_DEBUG") != null) {
      error.printStackTrace(commandLine.getErr());
    }
    return ExitCodes.forException(error);
  }

  /** The error as one line, as the CLI prints it (without the command prefix). */
  public static String describe(Throwable error) {
    String message;
    if (error instanceof NoSuchFileException) {
      message = "no such file: " + error.getMessage();
    } else if (error instanceof AccessDeniedException) {
      message = "permission denied: " + error.getMessage();
    } else if (error.getMessage() == null || error.getMessage().isBlank()) {
      message = error.getClass().getSimpleName();
    } else {
      message = error.getMessage();
    }
    return message.replace('\n', ' ').replace('\r', ' ');
  }
}
