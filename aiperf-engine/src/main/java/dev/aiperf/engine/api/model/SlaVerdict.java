package dev.aiperf.engine.api.model;


/**
 * One SLA rule judged on one cell, on the mean over the cell's successful trials of {@code <metric>_<stat>}.
 *
 * @param rule      the rule
 * @param cellLabel the cell's label ({@code ""} without a sweep)
 * @param stats     the cell's statistics of that metric/stat, or {@code null} when the metric was not measured
 * @param passed    true when the value meets the rule; a metric that was not measured fails
 */
public record SlaVerdict(SlaRule rule, String cellLabel, ConfidenceStats stats, boolean passed) {

    /** The value judged (the mean over trials), NaN when not measured. */
    public double value() {
        return stats == null ? Double.NaN : stats.mean();
    }

    /**
     * {@code cell concurrency=64: time_to_first_token p99 < 200 breached: measured 231.40 ms
     * (95% CI 220.12..242.68, 3 runs)}.
     */
    public String describe(double confidenceLevel) {
        StringBuilder sb = new StringBuilder();
        if (cellLabel != null && !cellLabel.isEmpty()) {
            sb.append("cell ").append(cellLabel).append(": ");
        }
        sb.append(rule).append(passed ? " met: " : " breached: ");
        if (stats == null) {
            return sb.append("metric ").append(rule.metric()).append('_').append(rule.stat())
                    .append(" was not measured (check the metric and stat names, and that the endpoint streams"
                            + " for token-timing metrics)").toString();
        }
        String unit = stats.unit() == null ? "" : " " + stats.unit();
        sb.append(String.format(java.util.Locale.ROOT, "measured %.2f%s", stats.mean(), unit));
        if (stats.n() > 1) {
            sb.append(String.format(java.util.Locale.ROOT, " (%.0f%% CI %.2f..%.2f, %d runs)",
                    confidenceLevel * 100, stats.ciLow(), stats.ciHigh(), stats.n()));
        } else {
            sb.append(" (1 run)");
        }
        return sb.toString();
    }
}
