package dev.aiperf.engine.api.model;


import dev.aiperf.engine.stats.ConfidenceAggregator;

import dev.aiperf.engine.api.model.ConfidenceStats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Confidence statistics of one cell (all trials of one configuration): the content of
 * {@code profile_export_aiperf_aggregate.json}.
 *
 * @param metrics           {@code <metric>_<stat>} to its statistics, metrics sorted by tag, stats in
 *                          {@link ConfidenceAggregator#STAT_KEYS} order
 * @param numProfileRuns    runs that finished or failed (cancelled runs are not counted)
 * @param numSuccessfulRuns runs aggregated
 * @param failedRuns        runs excluded, with their errors
 * @param cancelledRuns     labels of cancelled runs, neither aggregated nor failed
 * @param confidenceLevel   e.g. 0.95
 * @param runLabels         labels of the aggregated runs, in aggregation order
 * @param singleRun         true when one run succeeded: point estimates only
 */
public record CellAggregate(
        Map<String, ConfidenceStats> metrics,
        int numProfileRuns,
        int numSuccessfulRuns,
        List<FailedRun> failedRuns,
        List<String> cancelledRuns,
        double confidenceLevel,
        List<String> runLabels,
        boolean singleRun) {

    public CellAggregate {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        failedRuns = List.copyOf(failedRuns);
        cancelledRuns = List.copyOf(cancelledRuns);
        runLabels = List.copyOf(runLabels);
    }

    /** The statistics of {@code <metric>_<stat>}, or {@code null}. */
    public ConfidenceStats get(String key) {
        return metrics.get(key);
    }
}
