package dev.aiperf.cli;

/** Exit codes of every subcommand. */
public final class ExitCodes {
    /** Everything ran and every gate passed. */
    public static final int OK = 0;
    /** Bad input (config, flags) or an infrastructure failure (server unreachable, every run failed). */
    public static final int BAD_INPUT = 1;
    /** An SLA or regression gate failed. */
    public static final int GATE_FAILED = 2;
    /** Interrupted (Ctrl-C / SIGTERM): finished runs and their aggregates are kept. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
