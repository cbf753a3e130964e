package dev.aiperf.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * Entry point of {@code bin/aiperf}. Exit codes ({@link ExitCodes}): 0 ok; 1 bad input or infrastructure
 * failure; 2 an SLA or regression gate failed; 130 interrupted.
 */
@Command(
        name = "aiperf",
        mixinStandardHelpOptions = true,
        version = "aiperf-java 0.1.0-SNAPSHOT",
        description = "Benchmark OpenAI-compatible LLM inference servers: sweeps, multi-run confidence statistics,"
                + " adaptive search and SLA gates.",
        subcommands = {ProfileCommand.class, PlanCommand.class, AggregateCommand.class, CompareCommand.class,
                ReportCommand.class, MockServerCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line without exiting the JVM; returns the exit code. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        // picocli's default for a bad flag is 2, which here means "a gate failed".
        cli.setParameterExceptionHandler((ex, badArgs) -> {
            cli.getErr().println("aiperf: " + ex.getMessage());
            ex.getCommandLine().usage(cli.getErr());
            return ExitCodes.BAD_INPUT;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
