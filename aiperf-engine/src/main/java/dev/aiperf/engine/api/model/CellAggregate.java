package dev.aiperf.engine.api.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Confidence statistics of one cell (all trials of one configuration): the content of
 * {@code profile_export_aiperf_aggregate.json}.
 *
 * @param metrics           {@code <metric>_<stat>} to its statistics, metrics sorted by tag, stats in the
 *                          order avg, min, max, p1 ... p99, std
 * @param numProfileRuns    runs that finished or failed (cancelled runs are not counted)
 * @param numSuccessfulRuns runs aggregated
 * @param failedRuns        runs excluded, with their errors
 * @param cancelledRuns     labels of cancelled runs, neither aggregated nor failed
 * @param confidenceLevel   e.g. 0.95
 * @param runLabels         labels of the aggregated runs, in aggregation order
 * @param singleRun         true when one run succeeded: point estimates only
 * @param convergence       how the trials ended under {@code multi_run.convergence}, or {@code null} without it
 */
public record CellAggregate(
        Map<String, ConfidenceStats> metrics,
        int numProfileRuns,
        int numSuccessfulRuns,
        List<FailedRun> failedRuns,
        List<String> cancelledRuns,
        double confidenceLevel,
        List<String> runLabels,
        boolean singleRun,
        Convergence convergence) {

    public CellAggregate {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        failedRuns = List.copyOf(failedRuns);
        cancelledRuns = List.copyOf(cancelledRuns);
        runLabels = List.copyOf(runLabels);
    }

    /** An aggregate without convergence. */
    public CellAggregate(Map<String, ConfidenceStats> metrics, int numProfileRuns, int numSuccessfulRuns,
                         List<FailedRun> failedRuns, List<String> cancelledRuns, double confidenceLevel,
                         List<String> runLabels, boolean singleRun) {
        this(metrics, numProfileRuns, numSuccessfulRuns, failedRuns, cancelledRuns, confidenceLevel, runLabels,
                singleRun, null);
    }

    /** This aggregate with its convergence outcome. */
    public CellAggregate withConvergence(Convergence c) {
        return new CellAggregate(metrics, numProfileRuns, numSuccessfulRuns, failedRuns, cancelledRuns,
                confidenceLevel, runLabels, singleRun, c);
    }

    /** The statistics of {@code <metric>_<stat>}, or {@code null}. */
    public ConfidenceStats get(String key) {
        return metrics.get(key);
    }
}
