package dev.aiperf.engine.stats;

import dev.aiperf.engine.api.model.BestConfiguration;
import dev.aiperf.engine.api.model.SlaRule;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The sweep aggregate ({@code profile_export_aiperf_sweep.json}): per-combination statistics, the best
 * configurations, the Pareto set, SLA feasibility and the failed runs.
 *
 * @param combinations      cells with at least one successful run, in first-seen order
 * @param failedRuns        every failed run of every cell
 * @param cancelledRuns     cancelled runs (not aggregated, not failed)
 * @param numProfileRuns    runs that finished or failed
 * @param numSuccessfulRuns runs aggregated
 * @param sweepParameters   parameter names with their distinct values
 * @param numCombinations   product of the distinct-value counts
 * @param sweepMode         repeated / independent
 * @param confidenceLevel   e.g. 0.95
 * @param numTrialsPerValue the largest number of trials of a cell
 * @param paretoAxes        recorded Pareto axes, or {@code null}
 * @param sla               feasibility summary, or {@code null} without filters
 * @param best              {@code best_throughput} / {@code best_latency_p99} when computable
 * @param paretoOptimal     parameter dicts of the non-dominated cells, sorted
 * @param latencyKey        the latency key of best/Pareto ({@code time_to_first_token_p99} or
 *                          {@code request_latency_p99}), or {@code null} if neither is in every cell
 * @param searchFrontier    the best trials of an adaptive search ({@code search_frontier}), or {@code null}
 *                          for a sweep that is not a search
 */
public record SweepAggregate(
        List<Combination> combinations,
        List<SweepFailure> failedRuns,
        List<SweepFailure> cancelledRuns,
        int numProfileRuns,
        int numSuccessfulRuns,
        List<SweepParameter> sweepParameters,
        long numCombinations,
        String sweepMode,
        double confidenceLevel,
        int numTrialsPerValue,
        List<String> paretoAxes,
        SlaSummary sla,
        Map<String, BestConfiguration> best,
        List<Map<String, Object>> paretoOptimal,
        String latencyKey,
        SearchFrontier searchFrontier) {

    /** A sweep aggregate without a search frontier. */
    public SweepAggregate(List<Combination> combinations, List<SweepFailure> failedRuns,
                          List<SweepFailure> cancelledRuns, int numProfileRuns, int numSuccessfulRuns,
                          List<SweepParameter> sweepParameters, long numCombinations, String sweepMode,
                          double confidenceLevel, int numTrialsPerValue, List<String> paretoAxes, SlaSummary sla,
                          Map<String, BestConfiguration> best, List<Map<String, Object>> paretoOptimal,
                          String latencyKey) {
        this(combinations, failedRuns, cancelledRuns, numProfileRuns, numSuccessfulRuns, sweepParameters,
                numCombinations, sweepMode, confidenceLevel, numTrialsPerValue, paretoAxes, sla, best, paretoOptimal,
                latencyKey, null);
    }

    /** This aggregate carrying {@code frontier} (or none, for {@code null}). */
    public SweepAggregate withSearchFrontier(SearchFrontier frontier) {
        return new SweepAggregate(combinations, failedRuns, cancelledRuns, numProfileRuns, numSuccessfulRuns,
                sweepParameters, numCombinations, sweepMode, confidenceLevel, numTrialsPerValue, paretoAxes, sla,
                best, paretoOptimal, latencyKey, frontier);
    }

    /** What this aggregate concluded, for the API's result; {@code dir} is where it was written. */
    public dev.aiperf.engine.api.model.SweepSummary summary(java.nio.file.Path dir) {
        return new dev.aiperf.engine.api.model.SweepSummary(dir, best, paretoOptimal,
                sla == null ? -1 : sla.feasibleCount(), sla == null ? -1 : sla.infeasibleCount());
    }

    /**
     * One cell's statistics.
     *
     * @param metrics key to block: flattened {@code <tag>_<stat>} blocks {mean, std, min, max, cv, [se,]
     *                ci_low, ci_high, [t_critical,] unit} and nested {@code <tag>} blocks
     * @param feasible SLA verdict, or {@code null} without filters
     */
    public record Combination(
            String label,
            Map<String, Object> parameters,
            Map<String, Object> variationValues,
            String dirName,
            int numRuns,
            int numSuccessfulRuns,
            Map<String, Map<String, Object>> metrics,
            Boolean feasible) {

        /** {@code metrics[key].mean}, when present and finite. */
        public OptionalDouble mean(String key) {
            return field(key, "mean");
        }

        /** {@code metrics[key][field]}, when present and finite. */
        public OptionalDouble field(String key, String field) {
            Map<String, Object> block = metrics.get(key);
            Object v = block == null ? null : block.get(field);
            return v instanceof Number n && Double.isFinite(n.doubleValue())
                    ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
        }

        /** Unit of a block, or {@code null}. */
        public String unit(String key) {
            Map<String, Object> block = metrics.get(key);
            return block == null || block.get("unit") == null ? null : block.get("unit").toString();
        }
    }

    /** A run left out of the aggregate. */
    public record SweepFailure(String label, String variationLabel, Map<String, Object> parameters, String error) {
    }

    /** A swept parameter: display name, canonical path and distinct values (sorted). */
    public record SweepParameter(String name, String path, List<Object> values) {
    }

    /** Feasibility under the SLA filters. */
    public record SlaSummary(List<SlaRule> activeFilters, int feasibleCount, int infeasibleCount) {
    }
}
