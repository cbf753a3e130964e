package dev.aiperf.engine.stats;

import dev.aiperf.engine.api.model.CellAggregate;
import dev.aiperf.engine.api.model.ConfidenceStats;
import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.FailedRun;
import dev.aiperf.engine.api.model.StatKeys;
import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Student-t confidence statistics across the trials of a cell, per (metric, stat): mean, sample std
 * (n − 1), min, max, cv = std/mean (+inf when the mean is 0), se = std/√n, t = t<sub>1−α/2, n−1</sub> and
 * ci = mean ± t·se. Values that are null or not finite are skipped.
 */
public final class ConfidenceAggregator {

    private final double confidenceLevel;
    /** t by degrees of freedom: the inverse CDF is costly and df takes few distinct values. */
    private final Map<Integer, Double> tByDf = new ConcurrentHashMap<>();

    /** @throws ConfigException unless {@code 0 < confidenceLevel < 1} */
    public ConfidenceAggregator(double confidenceLevel) {
        this.confidenceLevel = validateLevel(confidenceLevel);
    }

    public double confidenceLevel() {
        return confidenceLevel;
    }

    /** Returns the level if it lies in (0, 1); otherwise a {@link ConfigException} naming the fix. */
    public static double validateLevel(double level) {
        if (!(level > 0.0 && level < 1.0)) {
            throw new ConfigException("multi_run.confidence_level", "Invalid confidence level: " + level
                    + ". It must be between 0 and 1 (exclusive), e.g. 0.90, 0.95 or 0.99");
        }
        return level;
    }

    /** The two-sided critical value t<sub>1−α/2</sub> with {@code df} degrees of freedom; NaN if df &lt; 1. */
    public static double tCritical(double level, int df) {
        if (df < 1) {
            return Double.NaN;
        }
        return new TDistribution(null, df).inverseCumulativeProbability(1.0 - (1.0 - level) / 2.0);
    }

    /** Statistics of the finite entries of {@code values}. No finite value gives NaN everywhere. */
    public ConfidenceStats stats(double[] values, String unit) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
        int n = v.length;
        if (n == 0) {
            double nan = Double.NaN;
            return new ConfidenceStats(nan, nan, nan, nan, nan, nan, nan, nan, nan, unit, 0);
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double mean = sum / n;
        if (n == 1) {
            return new ConfidenceStats(mean, 0.0, min, max, 0.0, 0.0, mean, mean, Double.NaN, unit, 1);
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double std = Math.sqrt(ss / (n - 1));
        double cv = mean == 0.0 ? Double.POSITIVE_INFINITY : std / mean;
        double se = std / Math.sqrt(n);
        double t = tByDf.computeIfAbsent(n - 1, df -> tCritical(confidenceLevel, df));
        return new ConfidenceStats(mean, std, min, max, cv, se, mean - t * se, mean + t * se, t, unit, n);
    }

    /**
     * Aggregates the successful runs among {@code runs}; failed runs are listed with their errors and
     * cancelled runs by label.
     *
     * @throws AggregationException when no run succeeded
     */
    public CellAggregate aggregate(List<RunSummary> runs) {
        List<RunSummary> ok = new ArrayList<>();
        List<FailedRun> failed = new ArrayList<>();
        List<String> cancelled = new ArrayList<>();
        for (RunSummary r : runs) {
            switch (r.status()) {
                case OK -> ok.add(r);
                case FAILED -> failed.add(new FailedRun(r.label(), r.error()));
                case CANCELLED -> cancelled.add(r.label());
            }
        }
        if (ok.isEmpty()) {
            StringBuilder msg = new StringBuilder("All runs failed - cannot compute confidence statistics (")
                    .append(failed.size()).append(" failed");
            if (!cancelled.isEmpty()) {
                msg.append(", ").append(cancelled.size()).append(" cancelled");
            }
            msg.append(")");
            if (!failed.isEmpty()) {
                msg.append("; first error: ").append(failed.get(0).label()).append(": ").append(failed.get(0).error());
            }
            msg.append(". Check that the server is reachable and look at the failed runs' directories.");
            throw new AggregationException(msg.toString());
        }
        return new CellAggregate(metricStats(ok), ok.size() + failed.size(), ok.size(), failed, cancelled,
                confidenceLevel, ok.stream().map(RunSummary::label).toList(), ok.size() == 1);
    }

    /** {@code <metric>_<stat>} statistics over the given (successful) runs: tags sorted, stats in StatKeys.ALL order. */
    public Map<String, ConfidenceStats> metricStats(List<RunSummary> successful) {
        TreeSet<String> tags = new TreeSet<>();
        successful.forEach(r -> tags.addAll(r.metrics().keySet()));
        Map<String, ConfidenceStats> out = new LinkedHashMap<>();
        for (String tag : tags) {
            for (String stat : StatKeys.ALL) {
                boolean present = false;
                String unit = null;
                String firstUnit = null;
                double[] values = new double[successful.size()];
                int k = 0;
                for (RunSummary r : successful) {
                    MetricBlock block = r.metrics().get(tag);
                    if (block == null || !block.stats().containsKey(stat)) {
                        continue;
                    }
                    present = true;
                    double v = block.stats().get(stat);
                    if (firstUnit == null) {
                        firstUnit = block.unit();
                    }
                    if (Double.isFinite(v)) {
                        if (unit == null) {
                            unit = block.unit();
                        }
                        values[k++] = v;
                    }
                }
                if (present) {
                    out.put(tag + "_" + stat, stats(Arrays.copyOf(values, k), unit != null ? unit : firstUnit));
                }
            }
        }
        return out;
    }
}
