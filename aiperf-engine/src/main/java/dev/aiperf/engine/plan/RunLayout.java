package dev.aiperf.engine.plan;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where each run, cell aggregate and sweep aggregate of a benchmark goes, in AIPerf's layout. The one place that
 * knows the layout: the plan uses it forwards (where will this run write?), the aggregation backwards
 * ({@link #classify}: which shape is this directory in, so where does its cell's aggregate go?). {@code <d>} is a
 * cell's directory name:
 *
 * <table>
 *   <caption>Layout</caption>
 *   <tr><th>shape</th><th>run</th><th>cell aggregate</th><th>sweep aggregate</th></tr>
 *   <tr><td>{@link Shape#SINGLE}: no sweep, 1 trial</td><td>{@code <base>/}</td><td>-</td><td>-</td></tr>
 *   <tr><td>{@link Shape#MULTI_RUN}: no sweep, N trials</td><td>{@code <base>/profile_runs/run_NNNN/}</td>
 *       <td>{@code <base>/aggregate/}</td><td>-</td></tr>
 *   <tr><td>{@link Shape#SWEEP_SINGLE}: sweep, 1 trial (either order)</td><td>{@code <base>/<d>/}</td>
 *       <td>{@code <base>/aggregate/<d>/}</td><td>{@code <base>/sweep_aggregate/}</td></tr>
 *   <tr><td>{@link Shape#REPEATED}: sweep, N trials, repeated</td><td>{@code <base>/profile_runs/trial_NNNN/<d>/}</td>
 *       <td>{@code <base>/aggregate/<d>/}</td><td>{@code <base>/aggregate/sweep_aggregate/}</td></tr>
 *   <tr><td>{@link Shape#INDEPENDENT}: sweep, N trials, independent</td>
 *       <td>{@code <base>/<d>/profile_runs/trial_NNNN/}</td><td>{@code <base>/<d>/aggregate/}</td>
 *       <td>{@code <base>/sweep_aggregate/}</td></tr>
 *   <tr><td>{@link Shape#ADAPTIVE}: search iterations</td><td>{@code <base>/search_iter_NNNN/profile_runs/run_NNNN/}</td>
 *       <td>{@code <base>/search_iter_NNNN/aggregate/}</td><td>{@code <base>/sweep_aggregate/}</td></tr>
 * </table>
 * Trial numbers in names are 1-based; {@code run_NNNN} without a sweep (and per adaptive iteration),
 * {@code trial_NNNN} inside sweeps. A sweep with one trial per cell has the same runs in either iteration order,
 * so its files are in the same places too.
 *
 * @param base  the artifacts directory
 * @param shape which row of the table applies
 */
public record RunLayout(Path base, Shape shape) {

    /** The directory holding the runs of a multi-run cell (or, repeated order, the trials). */
    public static final String PROFILE_RUNS_DIR = "profile_runs";
    /** The cell aggregate directory (or the parent of per-cell aggregates). */
    public static final String AGGREGATE_DIR = "aggregate";
    /** The sweep aggregate directory. */
    public static final String SWEEP_AGGREGATE_DIR = "sweep_aggregate";
    /** Names of run directories: {@code run_NNNN} or {@code trial_NNNN}. */
    public static final Pattern RUN_DIR_NAME = Pattern.compile("(run|trial)_\\d+");
    /** The per-run summary export every finished run leaves. */
    public static final String PROFILE_EXPORT_FILE = "profile_export_aiperf.json";

    private static final String RUN_PREFIX = "run_";
    private static final String TRIAL_PREFIX = "trial_";

    /** The rows of the layout table. */
    public enum Shape {
        SINGLE, MULTI_RUN, SWEEP_SINGLE, REPEATED, INDEPENDENT, ADAPTIVE,
        /** Only from {@link #classify}: a directory in none of the shapes. */
        UNKNOWN;

        /** The sweep mode recorded in aggregates. */
        public String sweepMode() {
            return this == INDEPENDENT || this == ADAPTIVE ? "independent" : "repeated";
        }

        boolean swept() {
            return this == SWEEP_SINGLE || this == REPEATED || this == INDEPENDENT;
        }
    }

    /**
     * The shape of a benchmark that is planned in advance.
     *
     * @param swept       whether it has a sweep
     * @param independent whether its iteration order is {@code independent}
     * @param trials      trials per cell ({@code multi_run.num_runs})
     */
    public static RunLayout planned(Path base, boolean swept, boolean independent, int trials) {
        Shape shape = !swept ? (trials == 1 ? Shape.SINGLE : Shape.MULTI_RUN)
                : trials == 1 ? Shape.SWEEP_SINGLE : independent ? Shape.INDEPENDENT : Shape.REPEATED;
        return new RunLayout(base, shape);
    }

    /** The layout of an adaptive search's iterations. */
    public static RunLayout adaptive(Path base) {
        return new RunLayout(base, Shape.ADAPTIVE);
    }

    /** {@code run_0001} (no sweep, adaptive) or {@code trial_0001} (sweeps), for the 0-based {@code trial}. */
    public String runLabel(int trial) {
        return (shape.swept() ? TRIAL_PREFIX : RUN_PREFIX) + String.format("%04d", trial + 1);
    }

    /** The directory of one run of cell {@code dirName} (ignored without a sweep), 0-based {@code trial}. */
    public Path runDir(String dirName, int trial) {
        return switch (shape) {
            case SINGLE -> base;
            case MULTI_RUN -> base.resolve(PROFILE_RUNS_DIR).resolve(runLabel(trial));
            case SWEEP_SINGLE -> base.resolve(dirName);
            case REPEATED -> base.resolve(PROFILE_RUNS_DIR).resolve(runLabel(trial)).resolve(dirName);
            case INDEPENDENT, ADAPTIVE -> base.resolve(dirName).resolve(PROFILE_RUNS_DIR).resolve(runLabel(trial));
            case UNKNOWN -> throw new IllegalStateException("no run directory in an unknown layout");
        };
    }

    /**
     * The cell's aggregate directory ({@code dirName} is ignored without a sweep), or {@code null} for one run
     * without a sweep. Directories the aggregation cannot place go with a multi-run's.
     */
    public Path cellAggregateDir(String dirName) {
        return switch (shape) {
            case SINGLE -> null;
            case MULTI_RUN, UNKNOWN -> base.resolve(AGGREGATE_DIR);
            case SWEEP_SINGLE, REPEATED -> base.resolve(AGGREGATE_DIR).resolve(dirName);
            case INDEPENDENT, ADAPTIVE -> base.resolve(dirName).resolve(AGGREGATE_DIR);
        };
    }

    /** The sweep aggregate directory, or {@code null} without a sweep. */
    public Path sweepAggregateDir() {
        return switch (shape) {
            case SINGLE, MULTI_RUN -> null;
            case REPEATED -> base.resolve(AGGREGATE_DIR).resolve(SWEEP_AGGREGATE_DIR);
            case SWEEP_SINGLE, INDEPENDENT, ADAPTIVE, UNKNOWN -> base.resolve(SWEEP_AGGREGATE_DIR);
        };
    }

    /** A run directory found on disk: the layout it is in and its cell directory name ({@code null} without a sweep). */
    public record Placement(RunLayout layout, String cellDir) {

        public Shape shape() {
            return layout.shape();
        }

        /** Where this run's cell aggregate goes. */
        public Path cellAggregateDir() {
            return layout.cellAggregateDir(cellDir);
        }
    }

    /**
     * Recognises the shape of {@code runDir} (inside {@code base}) from its path alone, the inverse of
     * {@link #runDir}: {@code runDir(classify(...).cellDir(), t)} is the directory classified.
     */
    public static Placement classify(Path base, Path runDir) {
        Path rel = base.relativize(runDir);
        int n = rel.toString().isEmpty() ? 0 : rel.getNameCount();
        String[] p = new String[n];
        for (int i = 0; i < n; i++) {
            p[i] = rel.getName(i).toString();
        }
        if (n == 0) {
            return new Placement(new RunLayout(base, Shape.SINGLE), null);
        }
        if (n == 1 && !p[0].equals(PROFILE_RUNS_DIR)) {
            return new Placement(new RunLayout(base, Shape.SWEEP_SINGLE), p[0]);
        }
        if (n == 2 && p[0].equals(PROFILE_RUNS_DIR) && RUN_DIR_NAME.matcher(p[1]).matches()) {
            return new Placement(new RunLayout(base, Shape.MULTI_RUN), null);
        }
        if (n == 3 && p[0].equals(PROFILE_RUNS_DIR) && RUN_DIR_NAME.matcher(p[1]).matches()) {
            return new Placement(new RunLayout(base, Shape.REPEATED), p[2]);
        }
        if (n == 3 && p[1].equals(PROFILE_RUNS_DIR) && RUN_DIR_NAME.matcher(p[2]).matches()) {
            Shape shape = p[2].startsWith(RUN_PREFIX) ? Shape.ADAPTIVE : Shape.INDEPENDENT;
            return new Placement(new RunLayout(base, shape), p[0]);
        }
        return new Placement(new RunLayout(base, Shape.UNKNOWN), null);
    }

    /** The directory name of adaptive iteration {@code iteration} (0-based): {@code search_iter_0000}. */
    public static String searchIterationDirName(int iteration) {
        return String.format("search_iter_%04d", iteration);
    }
}
