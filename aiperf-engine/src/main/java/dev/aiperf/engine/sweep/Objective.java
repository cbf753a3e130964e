package dev.aiperf.engine.sweep;

/**
 * An objective of adaptive search.
 *
 * @param metric    bare metric tag, e.g. {@code output_token_throughput}
 * @param stat      avg (default), p50, p90, p95 or p99
 * @param direction maximize or minimize
 * @param threshold Pareto reference point for multi-objective search, or {@code null}
 */
public record Objective(String metric, String stat, Direction direction, Double threshold) {

    /** Optimisation direction. */
    public enum Direction {
        MAXIMIZE, MINIMIZE
    }
}
