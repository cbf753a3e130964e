package dev.aiperf.engine.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One summary metric of a run: a top-level object of {@code profile_export_aiperf.json} that carries a
 * {@code unit}, e.g. {@code {"unit":"ms","avg":12.3,"p99":20.1}}.
 *
 * @param unit  display unit, e.g. {@code ms} or {@code requests/sec}
 * @param stats stat key to value in file order; a JSON null is kept as NaN so "present but unusable" differs
 *              from "absent"
 */
public record MetricBlock(String unit, Map<String, Double> stats) {

    public MetricBlock {
        stats = Collections.unmodifiableMap(new LinkedHashMap<>(stats));
    }

    /** The stat's value when present and finite. */
    public OptionalDouble stat(String key) {
        Double v = stats.get(key);
        return v == null || !Double.isFinite(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
