package dev.aiperf.engine.config;

/**
 * The {@code multi_run:} block: how many times each cell runs and how the trials are aggregated.
 *
 * @param numRuns                 1..10 trials per cell
 * @param cooldownSeconds         idle time between trials, 0..86400
 * @param confidenceLevel         in (0, 1), default 0.95
 * @param setConsistentSeed       seed 42 when no {@code random_seed} is given
 * @param varySeedPerTrial        derive a distinct seed per trial
 * @param disableWarmupAfterFirst run warmup phases on the first trial only
 * @param convergence             early stopping, or {@code null}
 */
public record MultiRunConfig(
        int numRuns,
        double cooldownSeconds,
        double confidenceLevel,
        boolean setConsistentSeed,
        boolean varySeedPerTrial,
        boolean disableWarmupAfterFirst,
        ConvergenceConfig convergence) {

    public static final MultiRunConfig DEFAULT = new MultiRunConfig(1, 0.0, 0.95, true, false, true, null);

    /**
     * Convergence-based early stopping.
     *
     * @param metric    metric tag, e.g. {@code request_throughput}
     * @param stat      stat key, default {@code avg}
     * @param mode      criterion
     * @param threshold in (0, 1); defaults 0.10 (ci_width), 0.05 (cv), 0.05 (distribution)
     * @param minRuns   at least 2 and at most numRuns
     */
    public record ConvergenceConfig(String metric, String stat, Mode mode, double threshold, int minRuns) {
        public enum Mode { CI_WIDTH, CV, DISTRIBUTION }
    }
}
