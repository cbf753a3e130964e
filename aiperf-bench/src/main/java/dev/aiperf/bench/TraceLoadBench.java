package dev.aiperf.bench;

import dev.aiperf.engine.api.spi.Tokenizer;
import dev.aiperf.engine.config.DatasetConfig;
import dev.aiperf.engine.config.DatasetType;
import dev.aiperf.engine.config.EndpointType;
import dev.aiperf.engine.dataset.Conversation;
import dev.aiperf.engine.dataset.DatasetFileSummary;
import dev.aiperf.engine.dataset.DatasetFiles;
import dev.aiperf.engine.dataset.PrefetchingSource;
import dev.aiperf.engine.dataset.Tokenizers;
import dev.aiperf.engine.dataset.Turn;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Loading a long mooncake trace: generates a trace (Poisson arrivals, lognormal input and output lengths, hash_ids
 * whose leading blocks are shared by Zipf-popular prefixes, the rest unique), then measures, over a few repetitions,
 * the validating scan ({@code DatasetFiles.scan}) and a full streaming read of every conversation through
 * {@code DatasetFiles.open} (scan, prefetching thread, synthetic text for every request), with the heap's peak
 * occupancy and its largest live size after a collection during each.
 *
 * <p>Usage: {@code TraceLoadBench [lines] [repetitions] [trace-file]}; defaults 1,000,000, 3 and a temporary file
 * deleted at the end (an existing file given is read, not regenerated). Run with {@code -Xmx256m}.
 */
public final class TraceLoadBench {

    private static final int BLOCK = 512;
    private static final int PREFIXES = 1000;

    private TraceLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path trace = args.length > 2 ? Path.of(args[2]) : Files.createTempFile("trace-bench", ".jsonl");
        boolean generated = args.length <= 2 || !Files.exists(trace);
        HeapWatch heap = new HeapWatch();
        System.out.printf("lines=%,d repetitions=%d max-heap=%,d MB%n", lines, reps,
                Runtime.getRuntime().maxMemory() >> 20);
        if (generated) {
            long t0 = System.nanoTime();
            long[] stats = generate(trace, lines);
            System.out.printf("generated %s: %,d MB, mean input_length %,d tokens, %,d distinct hash ids of %,d"
                            + " (%.0f%% of blocks shared), in %.1f s%n", trace, Files.size(trace) >> 20,
                    stats[0] / lines, stats[1], stats[2], 100.0 * (stats[2] - stats[1]) / stats[2],
                    (System.nanoTime() - t0) / 1e9);
        }
        DatasetConfig config = new DatasetConfig("main", DatasetType.MOONCAKE_TRACE, 1, null, null, null, null,
                "cl100k_base", trace);
        Tokenizer tokenizer = Tokenizers.forName("cl100k_base");

        double[] scanS = new double[reps];
        double[] readS = new double[reps];
        double[] scanPeak = new double[reps];
        double[] readPeak = new double[reps];
        double[] scanLive = new double[reps];
        double[] readLive = new double[reps];
        System.out.printf("%4s %10s %14s %14s %10s %14s %14s %12s%n", "rep", "scan s", "scan peak MB",
                "scan live MB", "read s", "read peak MB", "read live MB", "requests/s");
        for (int r = 0; r < reps; r++) {
            heap.settle();
            long t0 = System.nanoTime();
            DatasetFileSummary summary = DatasetFiles.scan(config);
            scanS[r] = (System.nanoTime() - t0) / 1e9;
            scanPeak[r] = heap.peakMb();
            scanLive[r] = heap.liveMb();

            heap.settle();
            long requests = 0;
            long chars = 0;
            long t1 = System.nanoTime();
            try (PrefetchingSource source = DatasetFiles.open(config, tokenizer, EndpointType.CHAT, 1, true)) {
                Conversation c;
                while ((c = source.next()) != null) {
                    for (Turn t : c.turns()) {
                        requests++;
                        chars += t.prompt().text().length();
                    }
                }
            }
            readS[r] = (System.nanoTime() - t1) / 1e9;
            readPeak[r] = heap.peakMb();
            readLive[r] = heap.liveMb();
            if (requests != summary.requests()) {
                throw new IllegalStateException("read " + requests + " requests, scan counted " + summary.requests());
            }
            System.out.printf("%4d %10.2f %14.1f %14.1f %10.2f %14.1f %14.1f %,12.0f   (%,d MB of text)%n", r + 1,
                    scanS[r], scanPeak[r], scanLive[r], readS[r], readPeak[r], readLive[r], requests / readS[r],
                    chars >> 20);
        }
        System.out.printf("median: scan %.2f s (%,.0f lines/s), peak %.1f MB, live %.1f MB; open + read all %.2f s"
                        + " (%,.0f requests/s), peak %.1f MB, live %.1f MB%n", median(scanS), lines / median(scanS),
                median(scanPeak), median(scanLive), median(readS), lines / median(readS), median(readPeak),
                median(readLive));
        if (generated && args.length <= 2) {
            Files.deleteIfExists(trace);
        }
    }

    /** Writes the trace; returns {sum of input lengths, distinct hash ids, hash ids over all lines}. */
    private static long[] generate(Path trace, int lines) throws Exception {
        SplittableRandom rng = new SplittableRandom(2026);
        long[][] prefixIds = new long[PREFIXES][];
        long nextId = 0;
        for (int f = 0; f < PREFIXES; f++) {
            prefixIds[f] = new long[1 + rng.nextInt(8)];
            for (int i = 0; i < prefixIds[f].length; i++) {
                prefixIds[f][i] = nextId++;
            }
        }
        double zipfNorm = 0;
        for (int f = 0; f < PREFIXES; f++) {
            zipfNorm += 1.0 / (f + 1);
        }
        long sumInput = 0;
        long idsUsed = 0;
        long timestamp = 0;
        StringBuilder sb = new StringBuilder(512);
        try (BufferedWriter w = Files.newBufferedWriter(trace)) {
            for (int i = 0; i < lines; i++) {
                timestamp += Math.round(-Math.log(1 - rng.nextDouble()) * 10);   // Poisson, 100 requests/s
                int input = (int) Math.min(32_768, Math.max(16, Math.round(lognormal(rng, 1500, 3000))));
                int output = (int) Math.min(4096, Math.max(1, Math.round(lognormal(rng, 150, 250))));
                int blocks = (input + BLOCK - 1) / BLOCK;
                long[] family = prefixIds[zipf(rng, zipfNorm)];
                sb.setLength(0);
                sb.append("{\"timestamp\": ").append(timestamp).append(", \"input_length\": ").append(input)
                        .append(", \"output_length\": ").append(output).append(", \"hash_ids\": [");
                for (int b = 0; b < blocks; b++) {
                    sb.append(b == 0 ? "" : ", ").append(b < family.length ? family[b] : nextId++);
                }
                w.append(sb).append("]}\n");
                sumInput += input;
                idsUsed += blocks;
            }
        }
        return new long[] {sumInput, nextId, idsUsed};
    }

    private static int zipf(SplittableRandom rng, double norm) {
        double u = rng.nextDouble() * norm;
        for (int f = 0; f < PREFIXES; f++) {
            u -= 1.0 / (f + 1);
            if (u < 0) {
                return f;
            }
        }
        return PREFIXES - 1;
    }

    private static double lognormal(SplittableRandom rng, double median, double mean) {
        double sigma = Math.sqrt(2 * Math.log(mean / median));
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        double z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        return Math.exp(Math.log(median) + sigma * z);
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** From the collector's notifications: the heap's peak occupancy and the largest heap left after a collection. */
}
