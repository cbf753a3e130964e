package dev.aiperf.engine.api.model;

/**
 * Confidence aggregate of one (metric, stat) over the successful trials of a cell: AIPerf's
 * {@code profile_export_aiperf_aggregate.json} entry. std uses n - 1; t has n - 1 degrees of freedom.
 * With one value std, cv and se are 0, the interval collapses to the mean and {@code tCritical} is NaN.
 *
 * @param n the number of finite values aggregated
 */
public record ConfidenceStats(
        double mean,
        double std,
        double min,
        double max,
        double cv,
        double se,
        double ciLow,
        double ciHigh,
        double tCritical,
        String unit,
        int n) {

    /** Half the width of the confidence interval. */
    public double halfWidth() {
        return (ciHigh - ciLow) / 2.0;
    }
}
