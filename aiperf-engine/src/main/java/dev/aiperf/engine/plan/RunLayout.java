package dev.aiperf.engine.plan;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where each run, cell aggregate and sweep aggregate goes (AIPerf's layout; {@code <d>} is the cell's directory name):
 *
 * <table>
 *   <caption>Layout</caption>
 *   <tr><th>case</th><th>run</th><th>cell aggregate</th><th>sweep aggregate</th></tr>
 *   <tr><td>no sweep, 1 trial</td><td>{@code <base>/}</td><td>-</td><td>-</td></tr>
 *   <tr><td>no sweep, N trials</td><td>{@code <base>/profile_runs/run_NNNN/}</td><td>{@code <base>/aggregate/}</td>
 *       <td>-</td></tr>
 *   <tr><td>sweep, 1 trial</td><td>{@code <base>/<d>/}</td><td>{@code <base>/aggregate/<d>/} (independent:
 *       {@code <base>/<d>/aggregate/})</td><td>{@code <base>/sweep_aggregate/}</td></tr>
 *   <tr><td>sweep, N trials, repeated</td><td>{@code <base>/profile_runs/trial_NNNN/<d>/}</td>
 *       <td>{@code <base>/aggregate/<d>/}</td><td>{@code <base>/aggregate/sweep_aggregate/}</td></tr>
 *   <tr><td>sweep, N trials, independent</td><td>{@code <base>/<d>/profile_runs/trial_NNNN/}</td>
 *       <td>{@code <base>/<d>/aggregate/}</td><td>{@code <base>/sweep_aggregate/}</td></tr>
 *   <tr><td>adaptive</td><td>{@code <base>/search_iter_NNNN/profile_runs/run_NNNN/}</td>
 *       <td>{@code <base>/search_iter_NNNN/aggregate/}</td><td>{@code <base>/sweep_aggregate/}</td></tr>
 * </table>
 * Trial numbers in names are 1-based; {@code run_NNNN} without a sweep (and per adaptive iteration),
 * {@code trial_NNNN} inside sweeps.
 *
 * @param base   the artifacts directory
 * @param kind   which case applies
 * @param trials trials per cell ({@code multi_run.num_runs})
 */
public record RunLayout(Path base, Kind kind, int trials) {

    /** The directory holding the runs of a multi-run cell (or, repeated order, the trials). */
    public static final String PROFILE_RUNS_DIR = "profile_runs";
    /** The cell aggregate directory (or the parent of per-cell aggregates). */
    public static final String AGGREGATE_DIR = "aggregate";
    /** The sweep aggregate directory. */
    public static final String SWEEP_AGGREGATE_DIR = "sweep_aggregate";
    /** Names of run directories: {@code run_NNNN} or {@code trial_NNNN}. */
    public static final Pattern RUN_DIR_NAME = Pattern.compile("(run|trial)_\\d+");

    private static final String RUN_PREFIX = "run_";
    private static final String TRIAL_PREFIX = "trial_";

    /** The layout cases. */
    public enum Kind {
        NO_SWEEP, SWEEP_REPEATED, SWEEP_INDEPENDENT, ADAPTIVE
    }

    /** {@code run_0001} (no sweep, adaptive) or {@code trial_0001} (sweeps), for the 0-based {@code trial}. */
    public String runLabel(int trial) {
        String prefix = kind == Kind.SWEEP_REPEATED || kind == Kind.SWEEP_INDEPENDENT ? TRIAL_PREFIX : RUN_PREFIX;
        return prefix + String.format("%04d", trial + 1);
    }

    /** The directory of one run of cell {@code dirName} (ignored without a sweep), 0-based {@code trial}. */
    public Path runDir(String dirName, int trial) {
        return switch (kind) {
            case NO_SWEEP -> trials == 1 ? base : base.resolve(PROFILE_RUNS_DIR).resolve(runLabel(trial));
            case SWEEP_REPEATED -> trials == 1 ? base.resolve(dirName)
                    : base.resolve(PROFILE_RUNS_DIR).resolve(runLabel(trial)).resolve(dirName);
            case SWEEP_INDEPENDENT -> trials == 1 ? base.resolve(dirName)
                    : base.resolve(dirName).resolve(PROFILE_RUNS_DIR).resolve(runLabel(trial));
            case ADAPTIVE -> base.resolve(dirName).resolve(PROFILE_RUNS_DIR).resolve(runLabel(trial));
        };
    }

    /** The cell's aggregate directory, or {@code null} when there is none (one run without a sweep). */
    public Path cellAggregateDir(String dirName) {
        return switch (kind) {
            case NO_SWEEP -> trials == 1 ? null : base.resolve(AGGREGATE_DIR);
            case SWEEP_REPEATED -> base.resolve(AGGREGATE_DIR).resolve(dirName);
            case SWEEP_INDEPENDENT, ADAPTIVE -> base.resolve(dirName).resolve(AGGREGATE_DIR);
        };
    }

    /** The sweep aggregate directory, or {@code null} without a sweep. */
    public Path sweepAggregateDir() {
        return switch (kind) {
            case NO_SWEEP -> null;
            case SWEEP_REPEATED -> trials == 1 ? base.resolve(SWEEP_AGGREGATE_DIR)
                    : base.resolve(AGGREGATE_DIR).resolve(SWEEP_AGGREGATE_DIR);
            case SWEEP_INDEPENDENT, ADAPTIVE -> base.resolve(SWEEP_AGGREGATE_DIR);
        };
    }

    /** The directory name of adaptive iteration {@code iteration} (0-based): {@code search_iter_0000}. */
    public static String searchIterationDirName(int iteration) {
        return String.format("search_iter_%04d", iteration);
    }
}
