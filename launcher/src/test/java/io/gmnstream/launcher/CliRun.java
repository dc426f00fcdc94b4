package io.gmnstream.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The outcome of one in-process run of the CLI. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = GmnStream.commandLine()
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }
}
