package dev.aiperf.engine.stats;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where a run directory sits relative to the artifacts base, per AIPerf's layouts, and therefore where its
 * cell's aggregate goes.
 */
public enum RunLayout {
    /** {@code <base>/}: one run, nothing to aggregate. */
    SINGLE,
    /** {@code <base>/profile_runs/run_NNNN/}: multi-run without a sweep; aggregate in {@code <base>/aggregate/}. */
    MULTI_RUN,
    /** {@code <base>/<d>/}: sweep with one trial; aggregate in {@code <base>/aggregate/<d>/}. */
    SWEEP_SINGLE,
    /** {@code <base>/profile_runs/trial_NNNN/<d>/}: repeated order; aggregate in {@code <base>/aggregate/<d>/}. */
    REPEATED,
    /**
     * {@code <base>/<d>/profile_runs/trial_NNNN/} (also adaptive {@code search_iter_NNNN/profile_runs/run_NNNN/}):
     * independent order; aggregate in {@code <base>/<d>/aggregate/}.
     */
    INDEPENDENT,
    /** Anything else: reported and skipped. */
    UNKNOWN;

    private static final Pattern TRIAL = Pattern.compile("(run|trial)_\\d+");

    /** A classified run directory: its layout and its cell directory name ({@code null} without a sweep). */
    public record Placement(RunLayout layout, String cellDir) {
    }

    /** Classifies {@code runDir} (inside {@code base}). */
    public static Placement of(Path base, Path runDir) {
        Path rel = base.relativize(runDir);
        int n = rel.toString().isEmpty() ? 0 : rel.getNameCount();
        String[] p = new String[n];
        for (int i = 0; i < n; i++) {
            p[i] = rel.getName(i).toString();
        }
        if (n == 0) {
            return new Placement(SINGLE, null);
        }
        if (n == 1 && !p[0].equals("profile_runs")) {
            return new Placement(SWEEP_SINGLE, p[0]);
        }
        if (n == 2 && p[0].equals("profile_runs") && TRIAL.matcher(p[1]).matches()) {
            return new Placement(MULTI_RUN, null);
        }
        if (n == 3 && p[0].equals("profile_runs") && TRIAL.matcher(p[1]).matches()) {
            return new Placement(REPEATED, p[2]);
        }
        if (n == 3 && p[1].equals("profile_runs") && TRIAL.matcher(p[2]).matches()) {
            return new Placement(INDEPENDENT, p[0]);
        }
        return new Placement(UNKNOWN, null);
    }

    /** The per-cell aggregate directory for a cell laid out this way. */
    public Path cellAggregateDir(Path base, String cellDir) {
        return switch (this) {
            case MULTI_RUN, SINGLE, UNKNOWN -> base.resolve("aggregate");
            case SWEEP_SINGLE, REPEATED -> base.resolve("aggregate").resolve(cellDir);
            case INDEPENDENT -> base.resolve(cellDir).resolve("aggregate");
        };
    }

    /** The sweep aggregate directory: {@code <base>/aggregate/sweep_aggregate/} for repeated, else {@code <base>/sweep_aggregate/}. */
    public Path sweepAggregateDir(Path base) {
        return this == REPEATED ? base.resolve("aggregate").resolve("sweep_aggregate") : base.resolve("sweep_aggregate");
    }

    /** The recorded sweep mode. */
    public String sweepMode() {
        return this == INDEPENDENT ? "independent" : "repeated";
    }
}
