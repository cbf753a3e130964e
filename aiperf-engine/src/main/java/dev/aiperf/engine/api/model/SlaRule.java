package dev.aiperf.engine.api.model;


/**
 * One SLA rule, {@code metric stat op threshold}, e.g. {@code time_to_first_token p99 lt 200}: the same
 * object behind YAML {@code sla_filters}, {@code --sla}/{@code --search-sla}, {@code @Sla} and the plugin's
 * {@code <rules>}. Thresholds are in display units (ms for times).
 */
public record SlaRule(String metric, String stat, SlaOp op, double threshold) {

    public SlaRule {
        if (metric == null || metric.isBlank()) {
            throw new ConfigException("SLA rule: metric must not be blank, e.g. time_to_first_token:p99:lt:200");
        }
        if (!Double.isFinite(threshold)) {
            throw new ConfigException("SLA rule " + metric + ": threshold must be a finite number; got " + threshold);
        }
    }

    /**
     * Parses {@code METRIC:STAT:OP:THRESHOLD} (exactly four colon-separated parts), e.g.
     * {@code time_to_first_token:p99:lt:200}.
     */
    public static SlaRule parse(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length != 4) {
            throw new ConfigException("SLA rule '" + spec + "': expected 4 colon-separated parts"
                    + " METRIC:STAT:OP:THRESHOLD, e.g. time_to_first_token:p99:lt:200");
        }
        SlaOp op = SlaOp.parse(parts[2]);
        if (op == null) {
            throw new ConfigException("SLA rule '" + spec + "': operator '" + parts[2]
                    + "' is not one of lt, le, gt, ge");
        }
        double threshold;
        try {
            threshold = Double.parseDouble(parts[3]);
        } catch (NumberFormatException e) {
            throw new ConfigException("SLA rule '" + spec + "': threshold '" + parts[3] + "' is not a number");
        }
        if (parts[1].isBlank()) {
            throw new ConfigException("SLA rule '" + spec + "': stat must not be blank (avg, p50, p90, p95, p99, ...)");
        }
        return new SlaRule(parts[0], parts[1], op, threshold);
    }

    public boolean passes(double value) {
        return !Double.isNaN(value) && op.holds(value, threshold);
    }

    /** {@code time_to_first_token:p99:lt:200}. */
    public String spec() {
        return metric + ":" + stat + ":" + op.word() + ":" + formatNumber(threshold);
    }

    /** {@code time_to_first_token p99 < 200}. */
    @Override
    public String toString() {
        return metric + " " + stat + " " + op.symbol() + " " + formatNumber(threshold);
    }

    private static String formatNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
