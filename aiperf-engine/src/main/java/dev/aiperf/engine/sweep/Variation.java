package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One cell of a sweep: the base benchmark with some paths overridden.
 *
 * @param index          0-based position in the sweep
 * @param label          {@code k1=v1, k2=v2} (grid/zip, Python {@code str()} values), the scenario name or
 *                       {@code scenario_<i>}, {@code sobol_0000} / {@code latin_hypercube_0000}
 * @param values         canonical path to value, in expansion order (for scenarios without declared values: the
 *                       override's top-level fields, nested)
 * @param dirName        the cell's directory name (see {@link CellDirName})
 * @param seed           the variation's random seed, or {@code null} when no seed is configured
 * @param benchmarkTree  a deep copy of the body with the overrides applied; the binder turns it into a
 *                       {@code BenchmarkConfig}
 * @param variables      the envelope {@code variables:} with {@code variables.*} overrides applied
 */
public record Variation(
        int index,
        String label,
        Map<String, JsonNode> values,
        String dirName,
        Long seed,
        ObjectNode benchmarkTree,
        ObjectNode variables) {

    public Variation {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Values as plain Java objects (numbers, strings, booleans, lists, maps), e.g. for {@code run_info}. */
    public Map<String, Object> plainValues() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, PlainValue.of(v)));
        return out;
    }
}
