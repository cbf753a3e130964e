package dev.aiperf.engine.metrics;

import org.HdrHistogram.Histogram;

/**
 * The inter-chunk gaps of a run (nanoseconds). A run has a gap per streamed chunk, so there can be far more gaps
 * than requests: values are kept exactly up to a limit, after which they move into an HdrHistogram (3 significant
 * digits, a fixed few hundred kilobytes) and percentiles become approximate to 0.1%. Count, sum, min, max, avg
 * and std stay exact throughout (running sums, Welford's variance). Not thread-safe.
 */
final class ChunkGaps {
    private final long exactLimit;
    private LongSeries exact;
    private Histogram histogram;
    private long count;
    private double sum;
    private double mean;
    private double m2;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    ChunkGaps(long exactLimit) {
        this.exactLimit = exactLimit;
        this.exact = new LongSeries((int) Math.max(1, Math.min(exactLimit, Integer.MAX_VALUE - 8)));
    }

    void add(long gap) {
        count++;
        sum += gap;
        double d = gap - mean;
        mean += d / count;
        m2 += d * (gap - mean);
        min = Math.min(min, gap);
        max = Math.max(max, gap);
        if (histogram != null) {
            histogram.recordValue(gap);
        } else if (exact.size() < exactLimit) {
            exact.add(gap);
        } else {
            histogram = new Histogram(3);
            for (int i = 0; i < exact.size(); i++) {
                histogram.recordValue(exact.get(i));
            }
            exact = null;
            histogram.recordValue(gap);
        }
    }

    /** True while every gap is kept exactly (percentiles are exact). */
    boolean isExact() {
        return histogram == null;
    }

    long count() {
        return count;
    }

    /** Statistics divided by {@code scale}; {@code null} when there are no gaps. */
    Stats stats(double scale) {
        if (count == 0) {
            return null;
        }
        if (histogram == null) {
            return Stats.ofSorted(exact.sortedDoubles(), scale);
        }
        Histogram h = histogram;
        return new Stats(count, sum / scale, sum / count / scale, min / scale, max / scale,
                h.getValueAtPercentile(1) / scale, h.getValueAtPercentile(5) / scale,
                h.getValueAtPercentile(10) / scale, h.getValueAtPercentile(25) / scale,
                h.getValueAtPercentile(50) / scale, h.getValueAtPercentile(75) / scale,
                h.getValueAtPercentile(90) / scale, h.getValueAtPercentile(95) / scale,
                h.getValueAtPercentile(99) / scale, Math.sqrt(m2 / count) / scale);
    }
}
