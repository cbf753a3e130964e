package dev.aiperf.engine.api.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cell of a benchmark with all its trials: what a JUnit test receives and a gate judges.
 *
 * @param index        the variation's 0-based index
 * @param label        its label ({@code concurrency=32, isl=512}; {@code ""} without a sweep)
 * @param values       canonical path to value
 * @param runDirs      the trials' run directories, in trial order
 * @param aggregateDir where {@code profile_export_aiperf_aggregate.json} was written, or {@code null}
 * @param aggregate    confidence statistics over the successful trials, or {@code null} when none succeeded
 * @param failedRuns   trials that failed, with their errors
 * @param sla          the SLA rules judged on this cell
 */
public record CellResult(
        int index,
        String label,
        Map<String, Object> values,
        List<Path> runDirs,
        Path aggregateDir,
        CellAggregate aggregate,
        List<FailedRun> failedRuns,
        List<SlaVerdict> sla) {

    public CellResult {
        values = Map.copyOf(values);
        runDirs = List.copyOf(runDirs);
        failedRuns = List.copyOf(failedRuns);
        sla = List.copyOf(sla);
    }

    /** Statistics of {@code metric} (a tag such as {@code time_to_first_token}) at {@code stat} ({@code p99}). */
    public Optional<ConfidenceStats> metric(String metric, String stat) {
        return aggregate == null ? Optional.empty() : Optional.ofNullable(aggregate.get(metric + "_" + stat));
    }

    /** Every {@code <metric>_<stat>} key measured in this cell. */
    public java.util.Set<String> metricKeys() {
        return aggregate == null ? java.util.Set.of() : aggregate.metrics().keySet();
    }

    /**
     * The file that sums the cell up: {@code profile_export_aiperf_aggregate.json} when it has several trials, the
     * single run's {@code profile_export_aiperf.json} otherwise.
     */
    public Path exportFile() {
        return aggregateDir != null ? aggregateDir.resolve("profile_export_aiperf_aggregate.json")
                : runDirs.get(0).resolve("profile_export_aiperf.json");
    }

    public boolean succeeded() {
        return aggregate != null && aggregate.numSuccessfulRuns() > 0;
    }

    public boolean slaPassed() {
        return sla.stream().allMatch(SlaVerdict::passed);
    }

    public List<SlaVerdict> slaBreaches() {
        return sla.stream().filter(v -> !v.passed()).toList();
    }
}
