package dev.aiperf.engine.config;

import java.util.List;

/**
 * AIPerf's per-run statistic keys, the one list the config (convergence stat), the exports (column and field
 * order) and the aggregates (which stats get confidence intervals) all read. It lives in config, the earliest
 * package that names a stat, so every later step can refer to it.
 */
public final class StatKeys {
    /** The per-run stats, in AIPerf's export order. */
    public static final List<String> ALL =
            List.of("avg", "min", "max", "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "std");

    private StatKeys() {
    }
}
