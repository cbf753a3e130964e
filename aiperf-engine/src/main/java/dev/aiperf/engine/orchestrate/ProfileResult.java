package dev.aiperf.engine.orchestrate;

import dev.aiperf.engine.stats.FailedRun;
import dev.aiperf.engine.stats.SweepAggregate;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a whole benchmark: every cell, the sweep aggregate and the SLA verdicts.
 *
 * @param baseDir         the artifact directory
 * @param cells           every cell that ran, in variation order
 * @param sweep           the sweep aggregate, or {@code null} without a sweep
 * @param failedRuns      every failed run of every cell
 * @param cancelled       true when the session was interrupted
 * @param confidenceLevel the confidence level of the statistics
 */
public record ProfileResult(
        Path baseDir,
        List<CellResult> cells,
        SweepAggregate sweep,
        List<FailedRun> failedRuns,
        boolean cancelled,
        double confidenceLevel) {

    public ProfileResult {
        cells = List.copyOf(cells);
        failedRuns = List.copyOf(failedRuns);
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
