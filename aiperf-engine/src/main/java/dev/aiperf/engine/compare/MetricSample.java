package dev.aiperf.engine.compare;

import org.apache.commons.math3.stat.descriptive.StatisticalSummary;
import org.apache.commons.math3.stat.descriptive.StatisticalSummaryValues;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * One metric statistic of one cell across its trials: what Welch's t-test needs.
 *
 * @param mean mean over the trials, NaN when {@code n == 0}
 * @param std  sample standard deviation (n − 1), 0 with fewer than two trials
 * @param n    number of trials with a value
 */
public record MetricSample(double mean, double std, int n) {

    /** No value on this side. */
    public static final MetricSample EMPTY = new MetricSample(Double.NaN, 0, 0);

    /** The sample of per-trial values. */
    public static MetricSample of(double... values) {
        if (values.length == 0) {
            return EMPTY;
        }
        SummaryStatistics s = new SummaryStatistics();
        for (double v : values) {
            s.addValue(v);
        }
        return new MetricSample(s.getMean(), values.length < 2 ? 0 : s.getStandardDeviation(), values.length);
    }

    /** The summary commons-math3's {@code TTest} works on. */
    StatisticalSummary summary() {
        return new StatisticalSummaryValues(mean, std * std, n, Double.NaN, Double.NaN, mean * n);
    }
}
