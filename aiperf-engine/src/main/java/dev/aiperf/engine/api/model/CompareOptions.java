package dev.aiperf.engine.api.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a comparison judges and how strictly.
 *
 * <p>Build from {@link #defaults()} and the {@code with*} methods; apply {@link #withMetrics} before tolerances
 * and floors, since it replaces the metric list.
 *
 * @param metrics           the metrics compared, in report order
 * @param alpha             significance level of Welch's t-test, in (0, 1)
 * @param allowMissingCells when true, cells present on one side only become rows with the verdict MISSING
 *                          instead of refusing the comparison
 */
public record CompareOptions(List<ComparedMetric> metrics, double alpha, boolean allowMissingCells) {

    /** Default significance level. */
    public static final double DEFAULT_ALPHA = 0.05;

    public CompareOptions {
        metrics = List.copyOf(metrics);
        if (metrics.isEmpty()) {
            throw new ConfigException("metrics: at least one metric must be compared, e.g. request_latency_p99");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new ConfigException("alpha must be between 0 and 1 (exclusive), e.g. 0.05; got " + alpha);
        }
    }

    /**
     * request_throughput avg, output_token_throughput avg, time_to_first_token p99 and inter_token_latency p99
     * (when present), request_latency p99 and request_error_rate avg; 5% tolerance; alpha 0.05.
     */
    public static CompareOptions defaults() {
        List<ComparedMetric> m = new ArrayList<>();
        m.add(ComparedMetric.parse("request_throughput_avg"));
        m.add(ComparedMetric.parse("output_token_throughput_avg"));
        m.add(optional(ComparedMetric.parse("time_to_first_token_p99")));
        m.add(optional(ComparedMetric.parse("inter_token_latency_p99")));
        m.add(ComparedMetric.parse("request_latency_p99"));
        m.add(ComparedMetric.parse("request_error_rate_avg"));
        return new CompareOptions(m, DEFAULT_ALPHA, false);
    }

    private static ComparedMetric optional(ComparedMetric m) {
        return new ComparedMetric(m.tag(), m.stat(), m.direction(), m.tolerancePercent(), m.absoluteFloor(), true);
    }

    public CompareOptions withAlpha(double a) {
        return new CompareOptions(metrics, a, allowMissingCells);
    }

    public CompareOptions withAllowMissingCells(boolean allow) {
        return new CompareOptions(metrics, alpha, allow);
    }

    /** Replaces the compared metrics by these keys ({@code <tag>_<stat>}), each with its default tolerance. */
    public CompareOptions withMetrics(Collection<String> keys) {
        List<ComparedMetric> m = new ArrayList<>();
        for (String key : keys) {
            if (key != null && !key.isBlank()) {
                m.add(ComparedMetric.parse(key.trim()));
            }
        }
        return new CompareOptions(m, alpha, allowMissingCells);
    }

    /**
     * Sets the tolerance of one metric in percent; a metric not yet compared is added. The key {@code *} sets
     * every compared metric.
     */
    public CompareOptions withTolerance(String key, double percent) {
        return update(key, m -> m.withTolerancePercent(percent));
    }

    /** Sets the absolute floor of one metric (display unit); {@code *} sets every compared metric. */
    public CompareOptions withAbsoluteFloor(String key, double floor) {
        return update(key, m -> m.withAbsoluteFloor(floor));
    }

    /**
     * Applies tolerances written {@code metric=percent}, e.g. {@code request_latency_p99=10}; each string may hold
     * several separated by commas, and a trailing {@code %} is accepted.
     */
    public CompareOptions withTolerances(Collection<String> specs) {
        CompareOptions o = this;
        for (Map.Entry<String, Double> e : parseAssignments(specs, "tolerance", "request_latency_p99=10").entrySet()) {
            o = o.withTolerance(e.getKey(), e.getValue());
        }
        return o;
    }

    /** Applies absolute floors written {@code metric=value}, e.g. {@code time_to_first_token_p99=2}. */
    public CompareOptions withAbsoluteFloors(Collection<String> specs) {
        CompareOptions o = this;
        for (Map.Entry<String, Double> e : parseAssignments(specs, "floor", "time_to_first_token_p99=2").entrySet()) {
            o = o.withAbsoluteFloor(e.getKey(), e.getValue());
        }
        return o;
    }

    private CompareOptions update(String key, java.util.function.UnaryOperator<ComparedMetric> change) {
        String k = key == null ? "" : key.trim();
        List<ComparedMetric> m = new ArrayList<>();
        boolean found = false;
        for (ComparedMetric metric : metrics) {
            if (k.equals("*") || metric.key().equals(k)) {
                m.add(change.apply(metric));
                found = true;
            } else {
                m.add(metric);
            }
        }
        if (!found) {
            m.add(change.apply(ComparedMetric.parse(k)));
        }
        return new CompareOptions(m, alpha, allowMissingCells);
    }

    private static Map<String, Double> parseAssignments(Collection<String> specs, String what, String example) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (specs == null) {
            return out;
        }
        for (String spec : specs) {
            if (spec == null) {
                continue;
            }
            for (String part : spec.split(",")) {
                String p = part.trim();
                if (p.isEmpty()) {
                    continue;
                }
                int eq = p.indexOf('=');
                if (eq <= 0 || eq == p.length() - 1) {
                    throw new ConfigException(what + " '" + p + "' must be written METRIC=VALUE, e.g. " + example);
                }
                String value = p.substring(eq + 1).trim();
                if (value.endsWith("%")) {
                    value = value.substring(0, value.length() - 1).trim();
                }
                try {
                    out.put(p.substring(0, eq).trim(), Double.parseDouble(value));
                } catch (NumberFormatException e) {
                    throw new ConfigException(what + " '" + p + "': '" + value + "' is not a number; write e.g. "
                            + example);
                }
            }
        }
        return out;
    }
}
