package dev.aiperf.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The path-to-values map of grid and zip sweeps, kept sorted by path as expansion requires. */
final class SweepParameters {
    private SweepParameters() {
    }

    static Map<String, List<JsonNode>> copySorted(Map<String, List<JsonNode>> in) {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        new TreeMap<>(in).forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }
}
