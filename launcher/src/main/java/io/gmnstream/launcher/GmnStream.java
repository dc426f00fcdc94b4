package io.gmnstream.launcher;

import io.gmnstream.launcher.bench.BenchCommand;
import io.gmnstream.launcher.demo.DemoCommand;
import io.gmnstream.launcher.eval.EvalCommand;
import io.gmnstream.launcher.graph.GraphCommand;
import io.gmnstream.launcher.run.RunCommand;
import io.gmnstream.launcher.score.ScoreCommand;
import io.gmnstream.launcher.train.TrainCommand;
import io.gmnstream.launcher.zoo.ZooCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The gmn-stream command line. Each subcommand is its own class; this one only wires them. */
@Command(
    name = "gmn-stream",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Watches neural networks while they train: checkpoints in, parameter graphs and scores out.",
    subcommands = {GraphCommand.class, DemoCommand.class, ZooCommand.class, TrainCommand.class, EvalCommand.class,
        ScoreCommand.class, RunCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class GmnStream implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI and returns its exit status (see {@link ExitCodes}); never calls System.exit. */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /** The configured command line; tests redirect its output with setOut/setErr. */
  public static CommandLine commandLine() {
    return new CommandLine(new GmnStream())
        .setExecutionExceptionHandler(new OneLineErrorHandler())
        .setExitCodeExceptionMapper(ExitCodes::forException);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
  }
}
