package dev.aiperf.engine.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The result of one run: per-metric statistics in display units, the error summary, and the warmup phase's
 * metrics (empty when the run had no warmup).
 *
 * @param metrics        profiling metrics, in {@link MetricTag} order; a metric with no value is absent
 * @param errorSummary   failed requests by type and code, most frequent first
 * @param warmupMetrics  the same for warmup ({@code exclude_from_results}) requests
 * @param interChunkLatencyExact false when the run had so many chunk gaps that their percentiles come from a
 *                       histogram (0.1% relative precision) rather than the exact values
 * @param perTurn        for conversations: the profiling metrics of the requests at each turn index (0-based), in
 *                       order; empty for single-turn runs
 */
public record RunMetrics(Map<MetricTag, Stats> metrics, List<ErrorCount> errorSummary,
                         Map<MetricTag, Stats> warmupMetrics, boolean interChunkLatencyExact,
                         Map<Integer, Map<MetricTag, Stats>> perTurn) {

    public RunMetrics {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        errorSummary = List.copyOf(errorSummary);
        warmupMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(warmupMetrics));
        perTurn = Collections.unmodifiableMap(new java.util.TreeMap<>(perTurn));
    }

    /** A single-turn run's metrics. */
    public RunMetrics(Map<MetricTag, Stats> metrics, List<ErrorCount> errorSummary, Map<MetricTag, Stats> warmupMetrics,
            boolean interChunkLatencyExact) {
        this(metrics, errorSummary, warmupMetrics, interChunkLatencyExact, Map.of());
    }

    /** The statistics of {@code tag}, or {@code null} when the run has none. */
    public Stats get(MetricTag tag) {
        return metrics.get(tag);
    }

    /** One statistic, e.g. {@code stat("time_to_first_token", "p99")}; empty when absent or NaN. */
    public OptionalDouble stat(String tag, String stat) {
        MetricTag t = MetricTag.fromTag(tag);
        Stats s = t == null ? null : metrics.get(t);
        if (s == null) {
            return OptionalDouble.empty();
        }
        double v = s.get(stat);
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
