package dev.aiperf.engine.api;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How a front-end wants a benchmark run, apart from what is run.
 *
 * <pre>{@code
 * RunSettings.defaults().console(System.out).stopOnInterrupt(true).commandLine(List.of("aiperf", "profile", "--streaming"))
 * }</pre>
 *
 * @param listener        progress for the caller
 * @param console         where progress lines, per-run tables and the aggregate tables are printed ({@code null}:
 *                        nowhere); with the option {@code ui = none} only notices and verdicts
 * @param commandLine     the command and arguments that started the benchmark, recorded in every run's
 *                        {@code run_info}, or {@code null}; API keys and secret headers in it are redacted
 * @param stopOnInterrupt turn Ctrl-C / SIGTERM into a clean stop that keeps what finished and writes the aggregates
 * @param cancel          set it to stop cleanly from another thread; {@code null} for a private flag
 */
public record RunSettings(BenchmarkListener listener, PrintStream console, List<String> commandLine,
                          boolean stopOnInterrupt, AtomicBoolean cancel) {

    public RunSettings {
        listener = listener == null ? BenchmarkListener.NONE : listener;
        commandLine = commandLine == null ? null : List.copyOf(commandLine);
        cancel = cancel == null ? new AtomicBoolean() : cancel;
    }

    /** No listener, no console, no interrupt handling. */
    public static RunSettings defaults() {
        return new RunSettings(BenchmarkListener.NONE, null, null, false, null);
    }

    public RunSettings listener(BenchmarkListener l) {
        return new RunSettings(l, console, commandLine, stopOnInterrupt, cancel);
    }

    public RunSettings console(PrintStream out) {
        return new RunSettings(listener, out, commandLine, stopOnInterrupt, cancel);
    }

    /** The command and its arguments, e.g. {@code [aiperf, profile, --concurrency, 8]}; secrets are redacted. */
    public RunSettings commandLine(List<String> c) {
        return new RunSettings(listener, console, c, stopOnInterrupt, cancel);
    }

    public RunSettings stopOnInterrupt(boolean s) {
        return new RunSettings(listener, console, commandLine, s, cancel);
    }

    public RunSettings cancel(AtomicBoolean c) {
        return new RunSettings(listener, console, commandLine, stopOnInterrupt, c);
    }
}
