package dev.aiperf.engine.plan;

import dev.aiperf.engine.sweep.Variation;

import java.nio.file.Path;

/**
 * One benchmark execution of the plan, in execution order.
 *
 * @param order                 1-based position in the execution order
 * @param variation             the cell (for a config without a sweep, the single variation with no values)
 * @param trial                 0-based trial index within the cell
 * @param runLabel              {@code trial_0001} in sweeps, {@code run_0001} without
 * @param seed                  the run's random seed, or {@code null} when none is configured
 * @param runDir                where the run writes its artifacts
 * @param cellAggregateDir      the cell's aggregate directory, or {@code null}
 * @param sweepAggregateDir     the sweep aggregate directory, or {@code null}
 * @param skipWarmup            drop warmup phases ({@code multi_run.disable_warmup_after_first}, trials 2..N)
 * @param cooldownBeforeSeconds idle time before this run starts (0 for the first run)
 * @param cooldownKind          which cooldown that is
 * @param estimatedSeconds      estimated duration of the run itself (see {@link RunTimeEstimate})
 */
public record PlannedRun(
        int order,
        Variation variation,
        int trial,
        String runLabel,
        Long seed,
        Path runDir,
        Path cellAggregateDir,
        Path sweepAggregateDir,
        boolean skipWarmup,
        double cooldownBeforeSeconds,
        CooldownKind cooldownKind,
        double estimatedSeconds) {
}
