package dev.aiperf.engine.metrics;

import dev.aiperf.engine.client.RequestRecord.RequestError;
import dev.aiperf.engine.client.RequestRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The primitive values one phase group (profiling or warmup) keeps: a growable array per record metric plus
 * counters. Nothing per request survives beyond these numbers. Not thread-safe; {@link RunRecorder} guards it.
 */
final class MetricAccumulator {
    private final LongSeries latency = new LongSeries();
    private final LongSeries ttft = new LongSeries();
    private final LongSeries ttst = new LongSeries();
    private final DoubleSeries itl = new DoubleSeries();
    private final DoubleSeries otpu = new DoubleSeries();
    private final LongSeries isl = new LongSeries();
    private final LongSeries osl = new LongSeries();
    private final LongSeries latencyFromIntended = new LongSeries();
    private final LongSeries ttftFromIntended = new LongSeries();
    private final LongSeries scheduleLag = new LongSeries();
    private final ChunkGaps gaps;
    private final Map<String, ErrorCount> errors = new LinkedHashMap<>();

    private long valid;
    private long failed;
    private long cancelled;
    private long good;
    private long totalIsl;
    private long totalOsl;
    private long minWallStart = Long.MAX_VALUE;
    private long maxWallEnd = Long.MIN_VALUE;
    private long sent;
    private long minStart = Long.MAX_VALUE;
    private long maxStart = Long.MIN_VALUE;

    MetricAccumulator(long exactChunkGapLimit) {
        gaps = new ChunkGaps(exactChunkGapLimit);
    }

    void add(RequestRecord r, RequestMetrics m, boolean good) {
        sent++;
        minStart = Math.min(minStart, r.startNanos());
        maxStart = Math.max(maxStart, r.startNanos());
        minWallStart = Math.min(minWallStart, r.wallStartNanos());
        long duration = m.valid() ? m.latency : r.endNanos() - r.startNanos();
        maxWallEnd = Math.max(maxWallEnd, r.wallStartNanos() + duration);
        if (m.scheduleLag != RequestMetrics.ABSENT) {
            scheduleLag.add(m.scheduleLag);
        }
        if (r.deliberatelyCancelled()) {
            // Aborted on purpose: neither an error nor a latency sample.
            cancelled++;
            return;
        }
        if (!m.valid()) {
            failed++;
            RequestError e = m.error;
            String key = e.type() + "\u0000" + e.code();
            ErrorCount prev = errors.get(key);
            errors.put(key, prev == null ? new ErrorCount(e.type(), e.code(), e.message(), 1)
                    : new ErrorCount(prev.type(), prev.code(), prev.message(), prev.count() + 1));
            return;
        }
        valid++;
        if (good) {
            this.good++;
        }
        latency.add(m.latency);
        addIfPresent(ttft, m.ttft);
        addIfPresent(ttst, m.ttst);
        addIfPresent(latencyFromIntended, m.latencyFromIntended);
        addIfPresent(ttftFromIntended, m.ttftFromIntended);
        if (m.isl != RequestMetrics.ABSENT) {
            isl.add(m.isl);
            totalIsl += m.isl;
        }
        if (m.osl != RequestMetrics.ABSENT) {
            osl.add(m.osl);
            totalOsl += m.osl;
        }
        if (!Double.isNaN(m.itl)) {
            itl.add(m.itl);
        }
        if (!Double.isNaN(m.otpu)) {
            otpu.add(m.otpu);
        }
        if (m.gaps != null) {
            for (long g : m.gaps) {
                gaps.add(g);
            }
        }
    }

    long validCount() {
        return valid;
    }

    long errorCount() {
        return failed;
    }

    long cancelledCount() {
        return cancelled;
    }

    boolean chunkGapsExact() {
        return gaps.isExact();
    }

    List<ErrorCount> errorSummary() {
        List<ErrorCount> list = new ArrayList<>(errors.values());
        list.sort(Comparator.comparingLong(ErrorCount::count).reversed()
                .thenComparing(ErrorCount::type).thenComparing(e -> Objects.toString(e.code(), "")));
        return list;
    }

    /**
     * The statistics of every metric with at least one value, in tag order.
     *
     * @param goodput      whether SLOs were configured (goodput metrics exported)
     * @param openLoop     whether rate metrics are exported
     * @param targetRate   the configured request rate, or {@code null}
     */
    Map<MetricTag, Stats> compute(boolean goodput, boolean openLoop, Double targetRate) {
        Map<MetricTag, Stats> out = new EnumMap<>(MetricTag.class);
        putLong(out, MetricTag.REQUEST_LATENCY, latency);
        putLong(out, MetricTag.TIME_TO_FIRST_TOKEN, ttft);
        putLong(out, MetricTag.TIME_TO_SECOND_TOKEN, ttst);
        putDouble(out, MetricTag.INTER_TOKEN_LATENCY, itl);
        Stats icl = gaps.stats(MetricTag.INTER_CHUNK_LATENCY.displayScale());
        if (icl != null) {
            out.put(MetricTag.INTER_CHUNK_LATENCY, icl);
        }
        putDouble(out, MetricTag.OUTPUT_TOKEN_THROUGHPUT_PER_USER, otpu);
        putLong(out, MetricTag.INPUT_SEQUENCE_LENGTH, isl);
        putLong(out, MetricTag.OUTPUT_SEQUENCE_LENGTH, osl);
        putLong(out, MetricTag.REQUEST_LATENCY_FROM_INTENDED_START, latencyFromIntended);
        putLong(out, MetricTag.TIME_TO_FIRST_TOKEN_FROM_INTENDED_START, ttftFromIntended);
        putLong(out, MetricTag.SCHEDULE_LAG, scheduleLag);

        long total = valid + failed;
        out.put(MetricTag.REQUEST_COUNT, Stats.scalar(valid));
        out.put(MetricTag.ERROR_REQUEST_COUNT, Stats.scalar(failed));
        out.put(MetricTag.REQUEST_ERROR_RATE, Stats.scalar(total == 0 ? 0 : 100.0 * failed / total));
        if (cancelled > 0) {
            out.put(MetricTag.CANCELLED_REQUEST_COUNT, Stats.scalar(cancelled));
        }
        double durationS = total == 0 ? Double.NaN : (maxWallEnd - minWallStart) / 1e9;
        boolean hasDuration = durationS > 0;
        if (hasDuration) {
            out.put(MetricTag.BENCHMARK_DURATION, Stats.scalar(durationS));
            out.put(MetricTag.REQUEST_THROUGHPUT, Stats.scalar(valid / durationS));
            out.put(MetricTag.OUTPUT_TOKEN_THROUGHPUT, Stats.scalar(totalOsl / durationS));
            out.put(MetricTag.TOTAL_TOKEN_THROUGHPUT, Stats.scalar((totalIsl + totalOsl) / durationS));
        }
        if (goodput) {
            out.put(MetricTag.GOOD_REQUEST_COUNT, Stats.scalar(good));
            out.put(MetricTag.GOOD_REQUEST_FRACTION, Stats.scalar(total == 0 ? 0 : (double) good / total));
            if (hasDuration) {
                out.put(MetricTag.GOODPUT, Stats.scalar(good / durationS));
            }
        }
        if (openLoop) {
            if (targetRate != null) {
                out.put(MetricTag.TARGET_REQUEST_RATE, Stats.scalar(targetRate));
            }
            if (sent >= 2 && maxStart > minStart) {
                out.put(MetricTag.ACHIEVED_REQUEST_RATE, Stats.scalar((sent - 1) / ((maxStart - minStart) / 1e9)));
            }
        }
        return out;
    }

    private static void addIfPresent(LongSeries s, long v) {
        if (v != RequestMetrics.ABSENT) {
            s.add(v);
        }
    }

    private static void putLong(Map<MetricTag, Stats> out, MetricTag tag, LongSeries s) {
        if (s.size() > 0) {
            out.put(tag, Stats.ofSorted(s.sortedDoubles(), tag.displayScale()));
        }
    }

    private static void putDouble(Map<MetricTag, Stats> out, MetricTag tag, DoubleSeries s) {
        if (s.size() > 0) {
            out.put(tag, Stats.ofSorted(s.sortedCopy(), tag.displayScale()));
        }
    }
}
