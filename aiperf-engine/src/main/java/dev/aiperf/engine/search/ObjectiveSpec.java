package dev.aiperf.engine.search;

import dev.aiperf.engine.api.model.ConfigException;

/**
 * What a search optimises: {@code metric} (a bare tag such as {@code output_token_throughput}) at
 * {@code stat} (avg, p50, p90, p95, p99), in {@code direction}. {@code threshold}, when not null, is this
 * objective's coordinate of the hypervolume reference point in multi-objective search (not a filter).
 */
public record ObjectiveSpec(String metric, String stat, Direction direction, Double threshold) {

    public ObjectiveSpec {
        if (metric == null || metric.isBlank()) {
            throw new ConfigException("objectives: metric must not be blank, e.g. output_token_throughput");
        }
        if (stat == null || stat.isBlank()) {
            stat = "avg";
        }
        if (direction == null) {
            throw new ConfigException("objectives[" + metric + "]: direction must be MAXIMIZE or MINIMIZE");
        }
        if (threshold != null && !Double.isFinite(threshold)) {
            throw new ConfigException("objectives[" + metric + "]: threshold must be finite; got " + threshold);
        }
    }

    public static ObjectiveSpec maximize(String metric, String stat) {
        return new ObjectiveSpec(metric, stat, Direction.MAXIMIZE, null);
    }

    public static ObjectiveSpec minimize(String metric, String stat) {
        return new ObjectiveSpec(metric, stat, Direction.MINIMIZE, null);
    }
}
