package dev.aiperf.engine.orchestrate;

/**
 * Executes one planned benchmark and writes its per-run artifacts. {@link dev.aiperf.engine.orchestrate.BenchmarkRun}
 * is the real one; the orchestrator only needs this seam to sequence, cool down, cancel and record failures.
 */
@FunctionalInterface
public interface RunExecutor {

    /**
     * Runs {@code request} to the end, or until {@code request.cancel()} is set. Must not throw for anything the
     * server or the network does: such failures are returned as an outcome. May throw
     * {@link dev.aiperf.engine.api.model.ConfigException} for a config that is invalid for this run.
     */
    RunOutcome execute(RunRequest request);
}
