package dev.aiperf.engine.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One configuration of a sweep with all its trials: the in-process input of {@link SweepAggregator}.
 *
 * @param label   the variation label, e.g. {@code phases.profiling.concurrency=10}
 * @param values  canonical path to value
 * @param dirName the cell's directory name, e.g. {@code concurrency_10}, or {@code null}
 * @param runs    the trials, in execution order
 */
public record SweepCell(String label, Map<String, Object> values, String dirName, List<RunSummary> runs) {
    public SweepCell {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        runs = List.copyOf(runs);
    }
}
