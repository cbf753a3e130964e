package dev.aiperf.engine.api.model;

import java.util.Map;

/**
 * The winning cell of a sweep for one criterion ({@code best_configurations.best_throughput} or
 * {@code best_latency_p99}), among the cells that met the SLA filters when any did.
 *
 * @param parameters the cell's swept parameters, e.g. {@code {concurrency: 32}}
 * @param metricKey  the {@code <tag>_<stat>} judged, e.g. {@code request_throughput_avg}
 * @param metric     its mean over the cell's trials
 * @param unit       its unit
 */
public record BestConfiguration(Map<String, Object> parameters, String metricKey, double metric, String unit) {
}
