package dev.aiperf.engine.api.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a sweep's aggregate ({@code profile_export_aiperf_sweep.json}) concluded across its cells.
 *
 * @param directory          where the sweep aggregate was written
 * @param bestConfigurations {@code best_throughput} / {@code best_latency_p99} when computable
 * @param paretoOptimal      the swept parameters of the non-dominated cells (max throughput, min latency)
 * @param feasibleCells      cells that met every SLA filter, or -1 without filters
 * @param infeasibleCells    cells that broke one, or -1 without filters
 */
public record SweepSummary(Path directory, Map<String, BestConfiguration> bestConfigurations,
                           List<Map<String, Object>> paretoOptimal, int feasibleCells, int infeasibleCells) {

    public SweepSummary {
        bestConfigurations = Map.copyOf(bestConfigurations);
        paretoOptimal = List.copyOf(paretoOptimal);
    }
}
