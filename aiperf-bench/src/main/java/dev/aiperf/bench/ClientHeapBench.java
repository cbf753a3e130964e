package dev.aiperf.bench;

import dev.aiperf.engine.client.OpenAiClient;
import dev.aiperf.engine.config.EndpointConfig;
import dev.aiperf.engine.config.EndpointType;
import dev.aiperf.engine.config.PhaseConfig;
import dev.aiperf.engine.config.PhaseType;
import dev.aiperf.engine.dataset.Prompt;
import dev.aiperf.engine.dataset.Tokenizers;
import dev.aiperf.engine.metrics.MetricTag;
import dev.aiperf.engine.metrics.RunMetrics;
import dev.aiperf.engine.metrics.RunRecorder;
import dev.aiperf.engine.run.LoadGenerator;
import dev.aiperf.engine.run.PhaseResult;
import dev.aiperf.engine.run.ProgressListener;
import dev.aiperf.mock.MockServer;
import dev.aiperf.mock.MockServerConfig;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * One closed-loop benchmark of many requests through the real client, load generator and recorder against an
 * in-process zero-latency {@link MockServer}, printing the heap used after a full GC every tenth of the run. It
 * shows what the client and timing layers keep per request: nothing beyond the recorder's primitive arrays.
 *
 * <p>Usage: {@code ClientHeapBench [requests] [concurrency] [max-tokens] [jsonl-file]}; defaults 1,000,000, 32, 4
 * and a temporary file deleted at the end. The heap is sampled by a side thread watching the completed count, so
 * a sample lands a few hundred requests after its nominal mark; bytes per request use the exact count.
 */
public final class ClientHeapBench {

    private ClientHeapBench() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int maxTokens = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path jsonl = args.length > 3 ? Path.of(args[3]) : Files.createTempFile("client-heap-bench", ".jsonl");
        boolean deleteAfter = args.length <= 3;
        int interval = Math.max(1, requests / 10);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        try (MockServer server = MockServer.start(MockServerConfig.zeroLatency());
             OpenAiClient client = new OpenAiClient(new EndpointConfig(
                     List.of(server.baseUrl() + "/v1/chat/completions"), EndpointType.CHAT, false, null, Map.of(),
                     30, false, false), MockServerConfig.DEFAULT_MODEL, Tokenizers.forName("cl100k_base"),
                     concurrency);
             RunRecorder recorder = new RunRecorder(jsonl, RunRecorder.Options.closedLoop(false))) {
            // The baseline holds the server, the client with its connections' buffers and the empty recorder.
            long baseline = heapAfterGc(memory);
            System.out.printf("requests=%,d concurrency=%d max_tokens=%d max-heap=%,d MB baseline=%,.1f MB%n",
                    requests, concurrency, maxTokens, Runtime.getRuntime().maxMemory() >> 20, baseline / 1048576.0);
            System.out.printf("%12s %12s %16s %12s%n", "requests", "heap MB", "bytes/request", "requests/s");

            Prompt prompt = new Prompt("measure the client heap over a long run", 8, maxTokens);
            LongAdder completed = new LongAdder();
            PhaseConfig phase = new PhaseConfig("profiling", PhaseType.CONCURRENCY, requests, null, null,
                    concurrency, null, null, false, false, null, null, null, null, null);
            LoadGenerator generator = new LoadGenerator(client, i -> prompt, record -> {
                recorder.accept(record);
                completed.increment();
            });

            AtomicBoolean done = new AtomicBoolean();
            Thread sampler = new Thread(() -> sample(memory, baseline, completed, interval, requests, done),
                    "heap-sampler");
            sampler.setDaemon(true);
            long t0 = System.nanoTime();
            sampler.start();
            List<PhaseResult> results = generator.run(List.of(phase), 1, new AtomicBoolean(), ProgressListener.NONE);
            long runNanos = System.nanoTime() - t0;
            done.set(true);
            sampler.join();
            long afterRun = heapAfterGc(memory) - baseline;
            long f0 = System.nanoTime();
            RunMetrics metrics = recorder.finish();
            long finishNanos = System.nanoTime() - f0;
            PhaseResult r = results.get(0);
            System.out.printf("ran %,d requests (%,d errors) in %.1f s (%,.0f requests/s incl. GC pauses of the"
                            + " samples); heap after the run %,.1f MB (%,.1f bytes/request); finish() %.2f s;"
                            + " jsonl %,d MB; server served %,d%n",
                    r.completed(), r.errors(), runNanos / 1e9, r.completed() / (runNanos / 1e9),
                    afterRun / 1048576.0, (double) afterRun / r.completed(), finishNanos / 1e9,
                    Files.size(jsonl) >> 20, server.requestsServed());
            System.out.printf("request_count %.0f, error_request_count %.0f, request_latency p50 %.3f ms p99 %.3f ms%n",
                    metrics.get(MetricTag.REQUEST_COUNT).avg(), metrics.get(MetricTag.ERROR_REQUEST_COUNT).avg(),
                    metrics.get(MetricTag.REQUEST_LATENCY).p50(), metrics.get(MetricTag.REQUEST_LATENCY).p99());
        } finally {
            if (deleteAfter) {
                Files.deleteIfExists(jsonl);
            }
        }
    }

    /** Prints one heap sample each time the completed count passes a multiple of {@code interval}. */
    private static void sample(MemoryMXBean memory, long baseline, LongAdder completed, int interval, int requests,
            AtomicBoolean done) {
        long next = interval;
        long lastCount = 0;
        long lastNanos = System.nanoTime();
        while (next <= requests && !done.get()) {
            long n = completed.sum();
            if (n < next) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            long now = System.nanoTime();
            double rate = (n - lastCount) / ((now - lastNanos) / 1e9);
            long heap = heapAfterGc(memory) - baseline;
            System.out.printf("%,12d %,12.1f %,16.1f %,12.0f%n", n, heap / 1048576.0, (double) heap / n, rate);
            lastCount = completed.sum();
            lastNanos = System.nanoTime();
            next += interval;
        }
    }

    private static long heapAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
