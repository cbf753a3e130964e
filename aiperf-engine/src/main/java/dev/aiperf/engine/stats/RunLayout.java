package dev.aiperf.engine.stats;

import java.nio.file.Path;

import static dev.aiperf.engine.plan.RunLayout.AGGREGATE_DIR;
import static dev.aiperf.engine.plan.RunLayout.PROFILE_RUNS_DIR;
import static dev.aiperf.engine.plan.RunLayout.RUN_DIR_NAME;
import static dev.aiperf.engine.plan.RunLayout.SWEEP_AGGREGATE_DIR;

/**
 * Where a run directory sits relative to the artifacts base, per AIPerf's layouts, and therefore where its
 * cell's aggregate goes. The directory names are those of {@link dev.aiperf.engine.plan.RunLayout}, which plans
 * where runs are written; this is the same layout recognised from the directories found.
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
        if (n == 1 && !p[0].equals(PROFILE_RUNS_DIR)) {
            return new Placement(SWEEP_SINGLE, p[0]);
        }
        if (n == 2 && p[0].equals(PROFILE_RUNS_DIR) && RUN_DIR_NAME.matcher(p[1]).matches()) {
            return new Placement(MULTI_RUN, null);
        }
        if (n == 3 && p[0].equals(PROFILE_RUNS_DIR) && RUN_DIR_NAME.matcher(p[1]).matches()) {
            return new Placement(REPEATED, p[2]);
        }
        if (n == 3 && p[1].equals(PROFILE_RUNS_DIR) && RUN_DIR_NAME.matcher(p[2]).matches()) {
            return new Placement(INDEPENDENT, p[0]);
        }
        return new Placement(UNKNOWN, null);
    }

    /** The per-cell aggregate directory for a cell laid out this way. */
    public Path cellAggregateDir(Path base, String cellDir) {
        return switch (this) {
            case MULTI_RUN, SINGLE, UNKNOWN -> base.resolve(AGGREGATE_DIR);
            case SWEEP_SINGLE, REPEATED -> base.resolve(AGGREGATE_DIR).resolve(cellDir);
            case INDEPENDENT -> base.resolve(cellDir).resolve(AGGREGATE_DIR);
        };
    }

    /** The sweep aggregate directory: {@code <base>/aggregate/sweep_aggregate/} for repeated, else {@code <base>/sweep_aggregate/}. */
    public Path sweepAggregateDir(Path base) {
        return this == REPEATED ? base.resolve(AGGREGATE_DIR).resolve(SWEEP_AGGREGATE_DIR)
                : base.resolve(SWEEP_AGGREGATE_DIR);
    }

    /** The recorded sweep mode. */
    public String sweepMode() {
        return this == INDEPENDENT ? "independent" : "repeated";
    }
}
