package io.gmnstream.launcher.run;

import io.gmnstream.launcher.ExitCodes;
import io.gmnstream.launcher.OneLineErrorHandler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** One in-process run of {@code gmn-stream run ...}, wired as GmnStream wires it, with a given environment. */
record RunCli(int exitCode, String out, String err) {

  static RunCli of(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = new CommandLine(new RunCommand(environment))
        .setExecutionExceptionHandler(new OneLineErrorHandler())
        .setExitCodeExceptionMapper(ExitCodes::forException)
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
    return new RunCli(exitCode, out.toString(), err.toString());
  }
}
