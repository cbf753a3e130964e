package dev.aiperf.engine.api.model;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a whole benchmark: every cell, the sweep aggregate and the SLA verdicts.
 *
 * @param baseDir         the artifact directory
 * @param cells           every cell that ran, in variation order
 * @param sweep           what the sweep aggregate concluded, or {@code null} without a sweep
 * @param failedRuns      every failed run of every cell
 * @param cancelled       true when the session was interrupted
 * @param confidenceLevel the confidence level of the statistics
 * @param search          the adaptive search's outcome, or {@code null} when the benchmark was not a search
 */
public record ProfileResult(
        Path baseDir,
        List<CellResult> cells,
        SweepSummary sweep,
        List<FailedRun> failedRuns,
        boolean cancelled,
        double confidenceLevel,
        SearchSummary search) {

    public ProfileResult {
        cells = List.copyOf(cells);
        failedRuns = List.copyOf(failedRuns);
    }

    /** A result that is not an adaptive search. */
    public ProfileResult(Path baseDir, List<CellResult> cells, SweepSummary sweep, List<FailedRun> failedRuns,
                         boolean cancelled, double confidenceLevel) {
        this(baseDir, cells, sweep, failedRuns, cancelled, confidenceLevel, null);
    }

    public ProfileResult withSearch(SearchSummary summary) {
        return new ProfileResult(baseDir, cells, sweep, failedRuns, cancelled, confidenceLevel, summary);
    }

    /** False when an adaptive search found no configuration that met its SLA filters. */
    public boolean searchFeasible() {
        return search == null || search.feasibleFound();
    }

    public List<SlaVerdict> slaBreaches() {
        return cells.stream().flatMap(c -> c.slaBreaches().stream()).toList();
    }

    public boolean slaPassed() {
        return slaBreaches().isEmpty();
    }

    /** True when no cell produced a successful run. */
    public boolean allFailed() {
        return cells.stream().noneMatch(CellResult::succeeded);
    }
}
