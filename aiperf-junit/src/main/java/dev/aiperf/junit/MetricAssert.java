package dev.aiperf.junit;

import dev.aiperf.engine.api.AIPerf;
import dev.aiperf.engine.api.model.CellResult;

import java.util.TreeSet;

/** Picks the stat of one metric of a cell: {@code .p99()}, {@code .avg()}, {@code .stat("p75")}. */
public final class MetricAssert {

    private final CellResult cell;
    private final String metric;

    MetricAssert(CellResult cell, String metric) {
        this.cell = cell;
        this.metric = metric;
    }

    public StatAssert avg() {
        return stat("avg");
    }

    public StatAssert p50() {
        return stat("p50");
    }

    public StatAssert p90() {
        return stat("p90");
    }

    public StatAssert p95() {
        return stat("p95");
    }

    public StatAssert p99() {
        return stat("p99");
    }

    public StatAssert min() {
        return stat("min");
    }

    public StatAssert max() {
        return stat("max");
    }

    /** Any of {@code avg min max p1 p5 p10 p25 p50 p75 p90 p95 p99 std}. */
    public StatAssert stat(String stat) {
        if (!AIPerf.statKeys().contains(stat)) {
            throw new AssertionError("unknown stat '" + stat + "'; use one of "
                    + String.join(", ", AIPerf.statKeys()));
        }
        var stats = cell.metric(metric, stat);
        if (stats.isEmpty()) {
            throw new AssertionError("cell " + CellResultAssert.cellName(cell) + " has no " + metric + " " + stat
                    + "; measured: " + new TreeSet<>(cell.metricKeys()));
        }
        double level = cell.aggregate().confidenceLevel();
        return new StatAssert(stats.get(), "cell " + CellResultAssert.cellName(cell) + ": " + metric + " " + stat,
                level);
    }
}
