package dev.aiperf.bench;

import dev.aiperf.engine.client.RequestRecord;
import dev.aiperf.engine.metrics.MetricTag;
import dev.aiperf.engine.metrics.RunMetrics;
import dev.aiperf.engine.metrics.RunRecorder;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Feeds synthetic {@link RequestRecord}s to a {@link RunRecorder} (writing a real {@code profile_export.jsonl})
 * and prints the heap used after a full GC at regular intervals, to show what the recorder keeps per request.
 *
 * <p>Usage: {@code RecorderMemoryBench [requests] [chunks-per-request] [jsonl-file]}; defaults 1,000,000, 16 and a
 * temporary file deleted at the end.
 */
public final class RecorderMemoryBench {

    private RecorderMemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int chunks = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Path jsonl = args.length > 2 ? Path.of(args[2]) : Files.createTempFile("recorder-bench", ".jsonl");
        boolean deleteAfter = args.length <= 2;
        int interval = Math.max(1, requests / 10);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long baseline = heapAfterGc(memory);
        System.out.printf("requests=%,d chunks/request=%d max-heap=%,d MB%n", requests, chunks,
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("%12s %14s %18s %12s%n", "records", "heap MB", "bytes/request", "records/s");

        SplittableRandom rng = new SplittableRandom(1);
        RunRecorder recorder = new RunRecorder(jsonl, RunRecorder.Options.closedLoop(true));
        long wall0 = System.currentTimeMillis() * 1_000_000L;
        long t0 = System.nanoTime();
        long lastReport = t0;
        for (int i = 1; i <= requests; i++) {
            long start = i * 1_000_000L;
            long[] resp = new long[chunks];
            long t = start + 20_000_000L + rng.nextInt(5_000_000);
            for (int c = 0; c < chunks; c++) {
                resp[c] = t;
                t += 1_000_000L + rng.nextInt(4_000_000);
            }
            RequestRecord.RequestError error = i % 200 == 0
                    ? new RequestRecord.RequestError("http_error", 500, "Internal Server Error") : null;
            recorder.accept(new RequestRecord(i - 1, "profiling", false, wall0 + start, start, start,
                    error == null ? resp : new long[0], t, 550, chunks, null, error, null));
            if (i % interval == 0) {
                long now = System.nanoTime();
                long heap = heapAfterGc(memory) - baseline;
                System.out.printf("%,12d %,14.1f %,18.1f %,12.0f%n", i, heap / 1048576.0, (double) heap / i,
                        interval / ((now - lastReport) / 1e9));
                lastReport = System.nanoTime();
            }
        }
        long feedNanos = System.nanoTime() - t0;
        long beforeFinish = heapAfterGc(memory) - baseline;
        long f0 = System.nanoTime();
        RunMetrics metrics = recorder.finish();
        long finishNanos = System.nanoTime() - f0;
        System.out.printf("fed %,d records in %.1f s (%,.0f records/s); heap before finish %,.1f MB;"
                        + " finish() %.2f s; jsonl %,d MB%n", requests, feedNanos / 1e9, requests / (feedNanos / 1e9),
                beforeFinish / 1048576.0, finishNanos / 1e9, Files.size(jsonl) >> 20);
        System.out.printf("request_count %.0f, error_request_count %.0f, inter_chunk_latency count %,d (exact: %s),"
                        + " request_latency p99 %.2f ms%n",
                metrics.get(MetricTag.REQUEST_COUNT).avg(), metrics.get(MetricTag.ERROR_REQUEST_COUNT).avg(),
                metrics.get(MetricTag.INTER_CHUNK_LATENCY).count(), metrics.interChunkLatencyExact(),
                metrics.get(MetricTag.REQUEST_LATENCY).p99());
        if (deleteAfter) {
            Files.deleteIfExists(jsonl);
        }
    }

    private static long heapAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
