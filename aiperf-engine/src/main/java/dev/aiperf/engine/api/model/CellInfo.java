package dev.aiperf.engine.api.model;

import java.util.Map;

/**
 * A planned cell of a benchmark, before it runs.
 *
 * @param index       0-based, in variation order
 * @param label       the engine's label ({@code concurrency=32, isl=512}; {@code ""} without a sweep)
 * @param displayName a short name for reports: {@code concurrency=32, isl=512} by leaf name for grid and zip
 *                    cells (the full path when two leaves collide), the scenario's name, or {@code benchmark}
 * @param values      canonical path to value
 */
public record CellInfo(int index, String label, String displayName, Map<String, Object> values) {

    public CellInfo {
        values = Map.copyOf(values);
    }
}
