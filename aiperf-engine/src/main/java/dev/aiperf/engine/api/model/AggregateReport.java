package dev.aiperf.engine.api.model;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What recomputing the aggregates of an artifacts directory did ({@code aiperf aggregate DIR}).
 *
 * @param written  files written, in order
 * @param warnings things skipped (unknown directories, cells whose runs all failed)
 * @param cells    per-cell aggregates by cell label ({@code ""} without a sweep)
 * @param sweep    what the sweep aggregate concluded, or {@code null} without a sweep
 * @param tables   the console tables of those aggregates
 */
public record AggregateReport(List<Path> written, List<String> warnings, Map<String, CellAggregate> cells,
                              SweepSummary sweep, String tables) {

    public AggregateReport {
        written = List.copyOf(written);
        warnings = List.copyOf(warnings);
        cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }

    /** True if at least one aggregate was written. */
    public boolean ok() {
        return !written.isEmpty();
    }
}
