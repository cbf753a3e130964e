package dev.aiperf.engine.api.model;

import java.util.List;

/**
 * AIPerf's per-run statistic keys: the stats an SLA rule, a convergence criterion or a comparison may name, and the
 * one list the config, the exports (column and field order), the aggregates (which stats get confidence intervals)
 * and the comparison all read. Part of the API's vocabulary, so every step can refer to it.
 */
public final class StatKeys {
    /** The per-run stats, in AIPerf's export order. */
    public static final List<String> ALL =
            List.of("avg", "min", "max", "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "std");

    private StatKeys() {
    }
}
