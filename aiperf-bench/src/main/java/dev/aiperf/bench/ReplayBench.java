package dev.aiperf.bench;

import dev.aiperf.engine.client.OpenAiClient;
import dev.aiperf.engine.config.DatasetConfig;
import dev.aiperf.engine.config.DatasetType;
import dev.aiperf.engine.config.EndpointConfig;
import dev.aiperf.engine.config.EndpointType;
import dev.aiperf.engine.config.PhaseConfig;
import dev.aiperf.engine.config.PhaseType;
import dev.aiperf.engine.dataset.Datasets;
import dev.aiperf.engine.dataset.PrefetchingSource;
import dev.aiperf.engine.dataset.Prompt;
import dev.aiperf.engine.dataset.Tokenizers;
import dev.aiperf.engine.metrics.RunMetrics;
import dev.aiperf.engine.metrics.RunRecorder;
import dev.aiperf.engine.orchestrate.HarnessWarmup;
import dev.aiperf.engine.run.LoadGenerator;
import dev.aiperf.engine.run.PhaseResult;
import dev.aiperf.engine.run.ProgressListener;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaying a generated mooncake trace on a fixed schedule, end to end in one process: the validating scan, the
 * prefetching reader, the client, the recorder writing {@code profile_export.jsonl}, against the zero-latency mock
 * in a JVM of its own (so the server is never the limit, and the heap measured is the harness's). Prints the load (scan) time, the heap's peak and largest live size over the
 * replay, and the schedule lag (send time − the trace's time) of every request.
 *
 * <p>Usage: {@code ReplayBench [lines] [requests-per-second] [concurrency-ceiling]}; defaults 1,000,000 at 5,000/s
 * (200 s), no ceiling. Run with {@code -Xmx256m}. {@code ReplayBench 10000 1000} is the 1,000 requests/s
 * send-accuracy figure.
 */
public final class ReplayBench {

    private ReplayBench() {
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 5_000;
        Integer ceiling = args.length > 2 ? Integer.valueOf(args[2]) : null;
        Path dir = Files.createTempDirectory("replay-bench");
        Path trace = dir.resolve("trace.jsonl");
        generate(trace, lines, rate);
        System.out.printf("lines=%,d rate=%,.0f/s trace=%,d MB max-heap=%,d MB%n", lines, rate,
                Files.size(trace) >> 20, Runtime.getRuntime().maxMemory() >> 20);
        HeapWatch heap = new HeapWatch();
        // The server runs in its own JVM: the heap figures are the harness's alone.
        Process mock = MockServerProcess.start();
        try {
            String baseUrl = MockServerProcess.baseUrl(mock);
            EndpointConfig endpoint = new EndpointConfig(List.of(baseUrl + "/v1/chat/completions"),
                    EndpointType.CHAT, true, null, Map.of(), 30, false, false);
            HarnessWarmup.DEFAULT.ensure(endpoint, Tokenizers.forName("cl100k_base"));
            warmServer(endpoint);
            heap.settle();
            DatasetConfig dataset = new DatasetConfig("main", DatasetType.MOONCAKE_TRACE, 1, null, null, null, null,
                    "cl100k_base", trace);
            // A ceiling on requests in flight (the third argument, default none): when the machine cannot keep up
            // with the schedule, requests then wait in the sender (and show as schedule lag) instead of piling up in
            // the client's queue until the heap is gone.
            PhaseConfig phase = new PhaseConfig("profiling", PhaseType.FIXED_SCHEDULE, null, null, null, ceiling, null,
                    null, false, false, null, null, null, null, null);
            long t0 = System.nanoTime();
            PhaseResult result;
            RunMetrics metrics;
            double loadS;
            try (PrefetchingSource source = (PrefetchingSource) Datasets.open(dataset, EndpointType.CHAT, 1,
                         Tokenizers.forName("cl100k_base"), true);
                 RunRecorder recorder = new RunRecorder(dir.resolve("profile_export.jsonl"),
                         RunRecorder.Options.openLoop(true, null));
                 OpenAiClient client = new OpenAiClient(endpoint, "mock-model", Tokenizers.forName("cl100k_base"),
                         256)) {
                loadS = (System.nanoTime() - t0) / 1e9;
                result = new LoadGenerator(client, source, recorder).run(List.of(phase), 1, new AtomicBoolean(),
                        ProgressListener.NONE).get(0);
                metrics = recorder.finish();
            }
            double totalS = (System.nanoTime() - t0) / 1e9;
            PhaseResult.ScheduleLag lag = result.scheduleLag();
            System.out.printf("load (validating scan) %.2f s; replay %.1f s for %,d requests (%,.0f/s achieved),"
                            + " %,d errors%n", loadS, totalS - loadS, result.sent(), result.achievedRate(),
                    result.errors());
            System.out.printf("schedule lag ms: mean %.3f p50 %.3f p99 %.3f max %.3f%n", lag.meanMs(), lag.p50Ms(),
                    lag.p99Ms(), lag.maxMs());
            System.out.printf("heap over load + replay: peak %.1f MB, largest live %.1f MB%n", heap.peakMb(),
                    heap.liveMb());
            printSendLag(dir.resolve("profile_export.jsonl"));
            System.out.printf("request_count %.0f%n", metrics.stat("request_count", "avg").orElse(0));
        } finally {
            mock.destroy();
            Files.deleteIfExists(trace);
            Files.deleteIfExists(dir.resolve("profile_export.jsonl"));
            Files.deleteIfExists(dir);
        }
    }

    /** Compiles the child server's own request path before anything is measured: 5,000 requests, 32 at a time. */
    private static void warmServer(EndpointConfig endpoint) {
        Prompt prompt = new Prompt("warm the server up ".repeat(40), 160, 8);
        PhaseConfig warm = new PhaseConfig("warmup", PhaseType.CONCURRENCY, 5_000, null, null, 32, null, null, true,
                false, null, null, null, null, null);
        try (OpenAiClient client = new OpenAiClient(endpoint, "mock-model", Tokenizers.forName("cl100k_base"), 32)) {
            new LoadGenerator(client, i -> prompt, r -> { }).run(List.of(warm), 1, new AtomicBoolean(),
                    ProgressListener.NONE);
        }
    }

    private static final Pattern START = Pattern.compile("\"request_start_ns\":(\\d+)");
    private static final Pattern INTENDED = Pattern.compile("\"intended_start_ns\":(\\d+)");

    /**
     * Send time (Jetty begins writing the request) minus the trace's time, from the records: over the whole replay,
     * and after its first second, which is when the JIT compiler and the reader have caught up.
     */
    private static void printSendLag(Path jsonl) throws Exception {
        List<long[]> sends = new java.util.ArrayList<>();
        try (var lines = Files.lines(jsonl)) {
            lines.forEach(line -> {
                Matcher s = START.matcher(line);
                Matcher i = INTENDED.matcher(line);
                if (s.find() && i.find()) {
                    sends.add(new long[] {Long.parseLong(i.group(1)), Long.parseLong(s.group(1))});
                }
            });
        }
        long first = sends.stream().mapToLong(x -> x[0]).min().orElse(0);
        double[] all = sends.stream().mapToDouble(x -> (x[1] - x[0]) / 1e6).sorted().toArray();
        double[] warm = sends.stream().filter(x -> x[0] - first >= 1_000_000_000L)
                .mapToDouble(x -> (x[1] - x[0]) / 1e6).sorted().toArray();
        System.out.printf("send lag ms (records), all %,d: p50 %.3f p99 %.3f max %.3f; after the first second %,d: p50"
                        + " %.3f p99 %.3f max %.3f%n", all.length, pct(all, 50), pct(all, 99), pct(all, 100),
                warm.length, pct(warm, 50), pct(warm, 99), pct(warm, 100));
    }

    private static double pct(double[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN
                : sorted[Math.max(0, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    /** Constant arrivals at {@code rate}, 64-768 token inputs sharing Zipf-popular one-block prefixes, 8 output tokens. */
    private static void generate(Path trace, int lines, double rate) throws Exception {
        SplittableRandom rng = new SplittableRandom(2026);
        long nextId = 1000;
        StringBuilder sb = new StringBuilder(160);
        try (BufferedWriter w = Files.newBufferedWriter(trace)) {
            for (int i = 0; i < lines; i++) {
                double ts = Math.round(i * 1000_000.0 / rate) / 1000.0;
                int input = 64 + rng.nextInt(705);
                int blocks = (input + 511) / 512;
                sb.setLength(0);
                sb.append("{\"timestamp\": ").append(ts).append(", \"input_length\": ").append(input)
                        .append(", \"output_length\": 8, \"hash_ids\": [").append(1 + (int) Math.floor(
                                Math.pow(100, rng.nextDouble())));
                for (int b = 1; b < blocks; b++) {
                    sb.append(", ").append(nextId++);
                }
                w.append(sb).append("]}\n");
            }
        }
    }
}
