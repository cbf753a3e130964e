package dev.aiperf.engine.stats;

import dev.aiperf.engine.config.MultiRunConfig;
import dev.aiperf.engine.plan.RunInfo;
import dev.aiperf.engine.plan.RunStatus;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What the statistics need to know about one finished run, read back from its files by
 * {@link RunSummaryReader} or built in-process by the orchestrator.
 *
 * @param directory       the run directory (holds {@code profile_export.jsonl} for the distribution
 *                        criterion), or {@code null} when the run exists only in memory
 * @param label           {@code run_0001} / {@code trial_0001}
 * @param runInfo         the {@code run_info} block, or {@code null} if the files carry none
 * @param metrics         metric tag to its summary block, in file order
 * @param status          ok, failed or cancelled
 * @param error           why the run failed, {@code null} when it did not
 * @param model           the first model of the run's input config, or {@code null}
 * @param cooldownSeconds the multi-run cooldown of the run's input config, or {@code null}
 * @param multiRun        the run's {@code multi_run} block as it was configured, or {@code null} if unknown
 */
public record RunSummary(
        Path directory,
        String label,
        RunInfo runInfo,
        Map<String, MetricBlock> metrics,
        RunStatus.Status status,
        String error,
        String model,
        Double cooldownSeconds,
        MultiRunConfig multiRun) {

    public RunSummary {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** A successful run with the given metrics and no directory: for in-process callers and tests. */
    public static RunSummary ok(String label, RunInfo runInfo, Map<String, MetricBlock> metrics) {
        return new RunSummary(null, label, runInfo, metrics, RunStatus.Status.OK, null, null, null, null);
    }

    /** A failed run. */
    public static RunSummary failed(String label, RunInfo runInfo, String error) {
        return new RunSummary(null, label, runInfo, Map.of(), RunStatus.Status.FAILED, error, null, null, null);
    }

    public boolean succeeded() {
        return status == RunStatus.Status.OK;
    }

    /** {@code metrics[tag][stat]} when present and finite. */
    public OptionalDouble stat(String tag, String stat) {
        MetricBlock block = metrics.get(tag);
        return block == null ? OptionalDouble.empty() : block.stat(stat);
    }

    /** The cell label from {@code run_info}, or {@code null} without a sweep. */
    public String variationLabel() {
        return runInfo == null ? null : runInfo.variationLabel();
    }

    /** The cell's canonical path to value map, empty without a sweep. */
    public Map<String, Object> variationValues() {
        return runInfo == null || runInfo.variationValues() == null ? Map.of() : runInfo.variationValues();
    }

    /** A copy of this run in another directory (tests copy runs around). */
    public RunSummary withDirectory(Path dir) {
        return new RunSummary(dir, label, runInfo, metrics, status, error, model, cooldownSeconds, multiRun);
    }
}
