package dev.aiperf.engine.orchestrate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiperf.engine.config.BenchmarkConfig;
import dev.aiperf.engine.plan.RunInfo;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything one run needs.
 *
 * @param config      the bound benchmark of this cell
 * @param runDir      where its files go
 * @param runInfo     its place in the sweep, written into {@code profile_export_aiperf.json}
 * @param skipWarmup  drop warmup phases (trials 2..N with {@code disable_warmup_after_first})
 * @param inputConfig the redacted envelope written as {@code input_config}
 * @param cancel      set by Ctrl-C / SIGTERM: stop sending, keep what was measured
 * @param progress    live progress of the run
 */
public record RunRequest(
        BenchmarkConfig config,
        Path runDir,
        RunInfo runInfo,
        boolean skipWarmup,
        ObjectNode inputConfig,
        AtomicBoolean cancel,
        RunProgress progress) {
}
