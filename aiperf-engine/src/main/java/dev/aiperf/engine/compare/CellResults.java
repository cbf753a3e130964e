package dev.aiperf.engine.compare;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The runs of one sweep cell (or of the whole benchmark without a sweep).
 *
 * @param key   canonical cell key used to match baseline and candidate, e.g. {@code concurrency=10}; empty without
 *              a sweep
 * @param label the cell's display name: the variation label, else the key, else {@code all runs}
 * @param runs  the cell's runs in trial order
 */
public record CellResults(String key, String label, List<RunResult> runs) {

    public CellResults {
        runs = List.copyOf(runs);
    }

    /** The per-trial values of {@code <tag>.<stat>}, skipping runs without a finite value. */
    public double[] values(String tag, String stat) {
        return runs.stream().map(r -> r.value(tag, stat)).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).toArray();
    }

    /** The unit of the metric from the first run that has it, or an empty string. */
    public String unit(String tag) {
        return runs.stream().map(r -> r.unit(tag)).filter(u -> !u.isEmpty()).findFirst().orElse("");
    }
}
