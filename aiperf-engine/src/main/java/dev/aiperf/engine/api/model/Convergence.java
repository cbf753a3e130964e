package dev.aiperf.engine.api.model;

/**
 * How a cell's trials ended under {@code multi_run.convergence}: early, because the criterion held, or at
 * {@code num_runs}. The content of the {@code convergence} block of {@code profile_export_aiperf_aggregate.json}.
 *
 * @param metric        the metric watched, e.g. {@code request_throughput}
 * @param stat          its statistic, e.g. {@code avg}
 * @param mode          {@code ci_width}, {@code cv} or {@code distribution}
 * @param threshold     the criterion's threshold
 * @param minRuns       trials before the criterion is judged
 * @param runsPlanned   {@code num_runs}: the most trials the cell could run
 * @param runsCompleted the trials that ran (ok or failed; cancelled ones do not count)
 * @param converged     whether the criterion held on the trials that ran
 * @param reason        why the trials stopped: {@code converged} (before {@code num_runs}), {@code num_runs} (all of
 *                      them ran) or {@code incomplete} (fewer ran and the criterion did not hold: interrupted)
 * @param value         the criterion's measure on those trials (relative CI width, CV or KS p-value), NaN when it
 *                      could not be computed
 * @param detail        the verdict in words, e.g. {@code relative CI width 0.0430 < 0.1000}
 */
public record Convergence(String metric, String stat, String mode, double threshold, int minRuns, int runsPlanned,
                          int runsCompleted, boolean converged, String reason, double value, String detail) {

    /** True when the cell stopped before {@code num_runs} because its results converged. */
    public boolean stoppedEarly() {
        return "converged".equals(reason);
    }

    /** {@code converged after 3 of 8 trials (relative CI width 0.0430 < 0.1000)}. */
    public String describe() {
        return switch (reason) {
            case "converged" -> "converged after " + runsCompleted + " of " + runsPlanned + " trials (" + detail + ")";
            case "num_runs" -> "ran all " + runsPlanned + " trials, " + (converged ? "converged" : "not converged")
                    + " (" + detail + ")";
            default -> "stopped after " + runsCompleted + " of " + runsPlanned + " trials without converging ("
                    + detail + ")";
        };
    }
}
