package dev.aiperf.engine.run;

import org.HdrHistogram.Histogram;

/**
 * How late open-loop sends were against their intended times. Only the sending thread records, and the result is
 * read after sending ended, so nothing here is synchronised.
 */
final class ScheduleLagRecorder {
    private final Histogram histogram = new Histogram(3);
    private long sumNanos;
    private long maxNanos;

    /** Records the send that started at {@code startNanos} and was due at {@code intendedNanos}. */
    synchronized void record(long startNanos, long intendedNanos) {
        long lag = Math.max(0, startNanos - intendedNanos);
        histogram.recordValue(lag);
        sumNanos += lag;
        maxNanos = Math.max(maxNanos, lag);
    }

    /** The lag in milliseconds; {@link PhaseResult.ScheduleLag#NONE} when nothing was scheduled (closed loop). */
    synchronized PhaseResult.ScheduleLag result() {
        long n = histogram.getTotalCount();
        if (n == 0) {
            return PhaseResult.ScheduleLag.NONE;
        }
        return new PhaseResult.ScheduleLag(n, sumNanos / 1e6 / n, histogram.getValueAtPercentile(50) / 1e6,
                histogram.getValueAtPercentile(99) / 1e6, maxNanos / 1e6);
    }
}
