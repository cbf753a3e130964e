package dev.aiperf.engine.metrics;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.client.RequestRecord;
import dev.aiperf.engine.run.RecordSink;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collects a run's {@link RequestRecord}s from the client threads and turns them into metrics.
 *
 * <p>For each record the per-request metric values and the JSONL line are computed on the calling thread,
 * outside any lock; only appending the primitive values and the line happens under a short lock. The line goes
 * to {@code profile_export.jsonl} through a 64 KB buffer flushed every {@value #FLUSH_EVERY_LINES} lines or
 * {@value #FLUSH_EVERY_MS} ms, and at {@link #finish()}, so a crash loses at most that much. Profiling records
 * are written to the JSONL file; warmup records ({@code excluded}) are only counted, into
 * {@link RunMetrics#warmupMetrics()}. Records arriving after {@link #finish()} are ignored.
 *
 * <p>Memory: nothing per request is kept but the primitive metric values exact percentiles need (about 80 bytes
 * per request) plus the inter-chunk gaps, which move into a bounded histogram past
 * {@link Options#exactChunkGapLimit()}.
 */
public final class RunRecorder implements RecordSink, AutoCloseable {

    /** The per-request export this recorder writes in a run directory. */
    public static final String FILE_NAME = "profile_export.jsonl";

    static final int FLUSH_EVERY_LINES = 1000;
    static final long FLUSH_EVERY_MS = 1000;

    /** Default number of chunk gaps kept exactly (32 MB) before switching to a histogram. */
    public static final long DEFAULT_EXACT_CHUNK_GAP_LIMIT = 4_000_000;

    /**
     * How records are interpreted.
     *
     * @param streaming          the endpoint streams: TTFT, TTST, ITL and chunk gaps are computed
     * @param openLoop           the profiling phase is rate-driven: latency/TTFT from the intended start, schedule
     *                           lag and achieved request rate are computed (they are also computed for any record
     *                           whose intended start differs from its start)
     * @param targetRequestRate  the configured rate (requests/s) exported as {@code target_request_rate}, or {@code null}
     * @param slos               metric tag to threshold in display units; empty means no goodput metrics
     * @param exactChunkGapLimit chunk gaps kept exactly before percentiles come from a histogram
     */
    public record Options(boolean streaming, boolean openLoop, Double targetRequestRate, Map<String, Double> slos,
                          long exactChunkGapLimit) {
        public Options {
            slos = Map.copyOf(slos);
        }

        /** Closed loop, no SLOs. */
        public static Options closedLoop(boolean streaming) {
            return new Options(streaming, false, null, Map.of(), DEFAULT_EXACT_CHUNK_GAP_LIMIT);
        }

        /** Rate-driven at {@code targetRate} requests/s, no SLOs. */
        public static Options openLoop(boolean streaming, Double targetRate) {
            return new Options(streaming, true, targetRate, Map.of(), DEFAULT_EXACT_CHUNK_GAP_LIMIT);
        }

        public Options withSlos(Map<String, Double> slos) {
            return new Options(streaming, openLoop, targetRequestRate, slos, exactChunkGapLimit);
        }
    }

    /** Highest turn index with its own breakdown; later turns are counted under it. */
    static final int MAX_TURN_BREAKDOWN = 31;

    private final Options options;
    private final MetricTag[] sloTags;
    private final double[] sloThresholds;
    private final Object lock = new Object();
    private final MetricAccumulator profiling;
    private final MetricAccumulator warmup;
    /** Per turn index, for requests of conversations; turns past {@link #MAX_TURN_BREAKDOWN} share the last entry. */
    private final Map<Integer, MetricAccumulator> perTurn = new TreeMap<>();
    private final OutputStream jsonl;
    private final AtomicLong errorsSeen = new AtomicLong();
    private final AtomicLong warmupSeen = new AtomicLong();
    private int unflushedLines;
    private long lastFlushNanos = System.nanoTime();
    private IOException writeFailure;
    private boolean finished;
    private RunMetrics result;

    /**
     * A recorder writing {@code profile_export.jsonl} to {@code jsonlFile} (created or truncated), or no JSONL
     * when {@code jsonlFile} is {@code null}.
     *
     * @throws ConfigException when an SLO names an unknown metric or has a non-finite threshold
     * @throws IOException     when the JSONL file cannot be created
     */
    public RunRecorder(Path jsonlFile, Options options) throws IOException {
        this.options = options;
        List<MetricTag> tags = new ArrayList<>();
        List<Double> thresholds = new ArrayList<>();
        for (Map.Entry<String, Double> slo : new TreeMap<>(options.slos()).entrySet()) {
            MetricTag tag = MetricTag.fromTag(slo.getKey());
            if (tag == null || tag.kind() != MetricTag.Kind.RECORD || tag == MetricTag.INTER_CHUNK_LATENCY) {
                throw new ConfigException("benchmark.slos." + slo.getKey(), "not a per-request metric; SLOs can be set on "
                        + String.join(", ", sloCapableTags()));
            }
            if (slo.getValue() == null || !Double.isFinite(slo.getValue())) {
                throw new ConfigException("benchmark.slos." + slo.getKey(), "threshold must be a finite number in "
                        + tag.unit() + "; got " + slo.getValue());
            }
            tags.add(tag);
            thresholds.add(slo.getValue());
        }
        this.sloTags = tags.toArray(new MetricTag[0]);
        this.sloThresholds = thresholds.stream().mapToDouble(Double::doubleValue).toArray();
        this.profiling = new MetricAccumulator(options.exactChunkGapLimit());
        this.warmup = new MetricAccumulator(options.exactChunkGapLimit());
        if (jsonlFile != null) {
            Path parent = jsonlFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.jsonl = new BufferedOutputStream(Files.newOutputStream(jsonlFile), 1 << 16);
        } else {
            this.jsonl = null;
        }
    }

    /** The metric tags an SLO may name. */
    public static List<String> sloCapableTags() {
        List<String> out = new ArrayList<>();
        for (MetricTag t : MetricTag.values()) {
            if (t.kind() == MetricTag.Kind.RECORD && t != MetricTag.INTER_CHUNK_LATENCY) {
                out.add(t.tag());
            }
        }
        return out;
    }

    @Override
    public void accept(RequestRecord record) {
        RequestMetrics m = RequestMetrics.of(record, options.streaming(), options.openLoop());
        if (record.excluded()) {
            warmupSeen.incrementAndGet();
            synchronized (lock) {
                if (!finished) {
                    warmup.add(record, m, isGood(m));
                }
            }
            return;
        }
        if (!m.valid()) {
            errorsSeen.incrementAndGet();
        }
        boolean good = isGood(m);
        // Formatting and UTF-8 encoding happen here, on the caller's thread; the lock only copies bytes.
        byte[] line = jsonl == null ? null : JsonlRecordFormat.format(record, m).getBytes(StandardCharsets.UTF_8);
        synchronized (lock) {
            if (finished) {
                return;
            }
            profiling.add(record, m, good);
            if (record.sessionId() != null) {
                perTurn.computeIfAbsent(Math.min(record.turnIndex(), MAX_TURN_BREAKDOWN),
                        t -> new MetricAccumulator(options.exactChunkGapLimit())).add(record, m, good);
            }
            if (line != null && writeFailure == null) {
                try {
                    jsonl.write(line);
                    long now = System.nanoTime();
                    if (++unflushedLines >= FLUSH_EVERY_LINES || now - lastFlushNanos >= FLUSH_EVERY_MS * 1_000_000) {
                        jsonl.flush();
                        unflushedLines = 0;
                        lastFlushNanos = now;
                    }
                } catch (IOException e) {
                    // Keep measuring; the failure surfaces at finish().
                    writeFailure = e;
                }
            }
        }
    }

    /** A request meets every SLO (larger-is-better metrics with >=, others with <=); a missing value fails. */
    private boolean isGood(RequestMetrics m) {
        if (!m.valid()) {
            return false;
        }
        for (int i = 0; i < sloTags.length; i++) {
            double v = m.displayValue(sloTags[i]);
            if (Double.isNaN(v)) {
                return false;
            }
            boolean ok = sloTags[i].largerIsBetter() ? v >= sloThresholds[i] : v <= sloThresholds[i];
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Failed profiling records received so far. */
    public long errorCount() {
        return errorsSeen.get();
    }

    /** Warmup records received so far. */
    public long warmupCount() {
        return warmupSeen.get();
    }

    /**
     * Stops recording, flushes and closes the JSONL file, and computes the run's statistics. Calling it again
     * returns the same result.
     *
     * @throws UncheckedIOException when writing the JSONL file failed at any point
     */
    public RunMetrics finish() {
        synchronized (lock) {
            if (result != null) {
                return result;
            }
            finished = true;
            if (jsonl != null) {
                try {
                    jsonl.close();
                } catch (IOException e) {
                    if (writeFailure == null) {
                        writeFailure = e;
                    }
                }
            }
            if (writeFailure != null) {
                throw new UncheckedIOException("writing profile_export.jsonl failed", writeFailure);
            }
            boolean goodput = sloTags.length > 0;
            Map<MetricTag, Stats> main = profiling.compute(goodput, options.openLoop(), options.targetRequestRate());
            Map<MetricTag, Stats> warm = warmup.validCount() + warmup.errorCount() == 0
                    ? Map.of() : warmup.compute(goodput, options.openLoop(), null);
            Map<Integer, Map<MetricTag, Stats>> turns = new TreeMap<>();
            perTurn.forEach((turn, acc) -> turns.put(turn, acc.compute(goodput, options.openLoop(), null)));
            result = new RunMetrics(main, profiling.errorSummary(), warm, profiling.chunkGapsExact(), turns);
            return result;
        }
    }

    /** Same as {@link #finish()}, for try-with-resources. */
    @Override
    public void close() {
        finish();
    }
}
