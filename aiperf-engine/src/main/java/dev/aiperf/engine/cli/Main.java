package dev.aiperf.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bin/aiperf}. Exit codes: 0 ok; 1 bad input or infrastructure failure; 2 a gate failed. */
@Command(
        name = "aiperf",
        mixinStandardHelpOptions = true,
        version = "aiperf-java 0.1.0-SNAPSHOT",
        description = "Benchmark OpenAI-compatible LLM inference servers: sweeps, multi-run confidence statistics,"
                + " adaptive search and SLA gates.",
        subcommands = {CommandLine.HelpCommand.class, CompareCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line without exiting the JVM; returns the exit code. */
    public static int execute(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
