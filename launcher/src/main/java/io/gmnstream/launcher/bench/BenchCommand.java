package io.gmnstream.launcher.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gmn-stream bench ...}: benchmarks that run on the current machine; one subcommand each. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measures gmn-stream on this machine.",
    subcommands = {ScoringBenchCommand.class, PipelineBenchCommand.class})
public final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: one of "
        + String.join(", ", spec.subcommands().keySet()));
  }
}
