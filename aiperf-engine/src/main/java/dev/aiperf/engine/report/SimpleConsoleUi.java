package dev.aiperf.engine.report;

import dev.aiperf.engine.api.model.CellResult;
import dev.aiperf.engine.api.model.ProfileResult;
import dev.aiperf.engine.api.model.SlaVerdict;
import dev.aiperf.engine.orchestrate.RunOutcome;
import dev.aiperf.engine.orchestrate.RunProgress;
import dev.aiperf.engine.orchestrate.SweepListener;
import dev.aiperf.engine.plan.CooldownKind;
import dev.aiperf.engine.plan.Plan;
import dev.aiperf.engine.plan.PlannedRun;
import dev.aiperf.engine.stats.SweepAggregate;

import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code --ui simple}: one line per run with the overall and per-variation position, a live request counter
 * (redrawn in place on a terminal, every 10% otherwise), and the aggregate tables at the end.
 * {@code --ui none} ({@link #quiet}) prints only notices, failures and the final verdicts.
 */
public final class SimpleConsoleUi implements SweepListener {

    private final PrintStream out;
    private final boolean quiet;
    private final boolean terminal;
    private Plan plan;
    private boolean liveCounter = true;

    private SimpleConsoleUi(PrintStream out, boolean quiet, boolean terminal) {
        this.out = out;
        this.quiet = quiet;
        this.terminal = terminal;
    }

    public static SimpleConsoleUi simple(PrintStream out) {
        return new SimpleConsoleUi(out, false, System.console() != null);
    }

    /** As {@link #simple}, without the live request counter: something else (progress bars) shows it. */
    public static SimpleConsoleUi withoutLiveCounter(PrintStream out) {
        SimpleConsoleUi ui = new SimpleConsoleUi(out, false, false);
        ui.liveCounter = false;
        return ui;
    }

    public static SimpleConsoleUi quiet(PrintStream out) {
        return new SimpleConsoleUi(out, true, false);
    }

    @Override
    public void message(String line) {
        out.println(line);
    }

    @Override
    public void planned(Plan p, int runsToDo) {
        this.plan = p;
        if (!quiet) {
            out.printf(Locale.ROOT, "plan: %d variation(s) x %d trial(s) = %d runs (%d to do), estimated %s%n",
                    p.variations().size(), p.trials(), p.runs().size(), runsToDo, duration(p.estimatedSeconds()));
        }
    }

    @Override
    public void runStarted(PlannedRun run, int position, int total) {
        if (!quiet) {
            out.println(prefix(run, position, total));
        }
    }

    @Override
    public RunProgress progressFor(PlannedRun run) {
        if (quiet || !liveCounter) {
            return RunProgress.NONE;
        }
        return new RunProgress() {
            private long lastDecile = -1;

            @Override
            public void update(String phase, long completed, long errors, long expected) {
                if (terminal) {
                    synchronized (out) {
                        out.printf(Locale.ROOT, "\r    %s: %d%s requests, %d errors   ", phase, completed,
                                expected > 0 ? "/" + expected : "", errors);
                        out.flush();
                    }
                } else if (expected > 0) {
                    long decile = completed * 10 / expected;
                    if (decile != lastDecile && decile % 5 == 0) {
                        lastDecile = decile;
                        out.printf(Locale.ROOT, "    %s: %d/%d requests, %d errors%n", phase, completed, expected,
                                errors);
                    }
                }
            }
        };
    }

    @Override
    public void runFinished(PlannedRun run, RunOutcome outcome, double seconds) {
        if (terminal && !quiet) {
            out.print("\r");
        }
        switch (outcome.status()) {
            case OK -> {
                if (!quiet) {
                    out.printf(Locale.ROOT, "    done in %.1f s -> %s%n", seconds, run.runDir());
                }
            }
            case FAILED -> out.printf(Locale.ROOT, "    FAILED %s %s: %s%n", label(run), run.runLabel(),
                    outcome.error());
            case CANCELLED -> out.printf(Locale.ROOT, "    cancelled %s %s; what it measured is kept in %s%n",
                    label(run), run.runLabel(), run.runDir());
        }
    }

    @Override
    public void cooldown(double seconds, CooldownKind kind) {
        if (!quiet) {
            out.printf(Locale.ROOT, "    cooldown %.1f s (%s)%n", seconds, kind.name().toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public void finished(ProfileResult result, SweepAggregate sweep) {
        if (!quiet) {
            if (sweep != null) {
                out.println();
                out.print(ConsoleReport.sweep(sweep));
            } else {
                for (CellResult c : result.cells()) {
                    if (c.aggregate() != null && c.aggregate().numProfileRuns() > 1) {
                        out.println();
                        out.print(ConsoleReport.cell("Multi-run", c.aggregate()));
                    }
                }
            }
        }
        for (CellResult c : result.cells()) {
            for (SlaVerdict v : c.sla()) {
                if (!v.passed() || !quiet) {
                    out.println((v.passed() ? "SLA ok    " : "SLA BREACH ") + v.describe(result.confidenceLevel()));
                }
            }
        }
        if (result.cancelled()) {
            out.println("interrupted: finished runs and their aggregates are in " + result.baseDir()
                    + "; rerun with --resume " + result.baseDir() + " to complete the rest");
        } else {
            out.println("artifacts: " + result.baseDir());
        }
    }

    private String prefix(PlannedRun run, int position, int total) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "[%d/%d] ", position, total));
        if (plan != null && plan.variations().size() > 1) {
            sb.append(String.format(Locale.ROOT, "variation %d/%d %s, ", run.variation().index() + 1,
                    plan.variations().size(), label(run)));
        }
        sb.append(String.format(Locale.ROOT, "trial %d/%d", run.trial() + 1, plan == null ? 1 : plan.trials()));
        if (run.skipWarmup() && hasWarmup(run)) {
            sb.append(" (warmup skipped)");
        }
        return sb.toString();
    }

    private static boolean hasWarmup(PlannedRun run) {
        for (var phase : run.variation().benchmarkTree().path("phases")) {
            if (phase.path("exclude_from_results").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    private static String label(PlannedRun run) {
        String l = run.variation().label();
        return l == null || l.isEmpty() ? "" : "[" + l + "]";
    }

    private static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
