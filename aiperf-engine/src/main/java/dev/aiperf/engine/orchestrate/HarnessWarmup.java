package dev.aiperf.engine.orchestrate;

import dev.aiperf.engine.api.spi.Tokenizer;
import dev.aiperf.engine.client.OpenAiClient;
import dev.aiperf.engine.config.EndpointConfig;
import dev.aiperf.engine.config.PhaseConfig;
import dev.aiperf.engine.config.PhaseType;
import dev.aiperf.engine.dataset.Prompt;
import dev.aiperf.engine.metrics.RunRecorder;
import dev.aiperf.engine.run.LoadGenerator;
import dev.aiperf.engine.run.ProgressListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Warms the JVM on the harness's own request path before anything is measured: a burst of requests of the run's
 * shape (endpoint type, streaming, HTTP version, tokenizer) through a throwaway client, load generator and recorder
 * against an in-process zero-latency mock server, once per shape per JVM.
 *
 * <p>Why: a fresh JVM runs the client's parsing, timestamping and recording code interpreted at first, then through
 * the compiler tiers. Without this, the first measured request of a run with no warmup phase came out with a TTFT of
 * 62-76 ms against ~8 ms for the rest (docs/MEASUREMENT.md), and sub-millisecond timings drift for thousands of
 * requests. The run's own warmup phase warms the server under test too, and is the user's to choose; this warms only
 * the harness, costs one to two seconds of a fresh JVM, and never touches the server under test. It is best effort:
 * if the local server cannot start, the run goes on without it.
 *
 * @param requests requests to send per shape; 0 turns the warm-up off
 */
public record HarnessWarmup(int requests) {

    /**
     * Enough to load and compile the per-request path, so the first measured request is not 5-10 times slower than
     * the rest; more gets closer to the optimizing compiler's steady state (docs/MEASUREMENT.md).
     */
    public static final int DEFAULT_REQUESTS = 500;

    /** Warms with {@link #DEFAULT_REQUESTS}. */
    public static final HarnessWarmup DEFAULT = new HarnessWarmup(DEFAULT_REQUESTS);

    /** No warm-up. */
    public static final HarnessWarmup OFF = new HarnessWarmup(0);

    private static final int CONCURRENCY = 8;
    private static final int OUTPUT_TOKENS = 16;
    private static final Set<String> WARMED = ConcurrentHashMap.newKeySet();
    private static final ConcurrentHashMap<String, Object> SHAPES = new ConcurrentHashMap<>();

    public HarnessWarmup {
        if (requests < 0) {
            throw new IllegalArgumentException("harness warm-up requests must be 0 (off) or more; got " + requests);
        }
    }

    /**
     * Warms for runs against {@code endpoint} unless this JVM already warmed that shape.
     *
     * @return true if requests were sent now
     */
    public boolean ensure(EndpointConfig endpoint, Tokenizer tokenizer) {
        if (requests == 0 || !EmbeddedMock.available()) {
            // Without aiperf-mock there is no local server to warm on; the run still measures, less precisely at
            // first (docs/MEASUREMENT.md).
            return false;
        }
        String shape = endpoint.type() + "/" + endpoint.streaming() + "/" + endpoint.http2() + "/"
                + endpoint.useServerTokenCount() + "/" + tokenizer.name();
        // Runs of the same shape started together (parallel tests) wait for one warm-up instead of measuring
        // while it still loads the machine.
        synchronized (SHAPES.computeIfAbsent(shape, k -> new Object())) {
            if (!WARMED.add(shape)) {
                return false;
            }
            try {
                run(endpoint, tokenizer);
                return true;
            } catch (RuntimeException | IOException e) {
                // Best effort: a harness that could not warm up still measures, just less precisely at first.
                return false;
            }
        }
    }

    private void run(EndpointConfig endpoint, Tokenizer tokenizer) throws IOException {
        Path jsonl = Files.createTempFile("aiperf-harness-warmup", ".jsonl");
        try (LocalServer server = EmbeddedMock.startZeroLatency()) {
            EndpointConfig local = new EndpointConfig(List.of(server.baseUrl() + endpoint.type().defaultPath()),
                    endpoint.type(), endpoint.streaming(), null, Map.of(), 30, endpoint.useServerTokenCount(),
                    endpoint.http2());
            List<Prompt> prompts = List.of("warm up the harness", "measure nothing yet", "one more short prompt",
                    "the quick brown fox jumps over the lazy dog").stream()
                    .map(text -> new Prompt(text, tokenizer.count(text), OUTPUT_TOKENS))
                    .toList();
            PhaseConfig phase = new PhaseConfig("harness-warmup", PhaseType.CONCURRENCY, requests, null, null,
                    CONCURRENCY, null, null, false, false, null, null, null, null, null);
            try (OpenAiClient client = new OpenAiClient(local, EmbeddedMock.MODEL, tokenizer, CONCURRENCY);
                 RunRecorder recorder = new RunRecorder(jsonl, RunRecorder.Options.closedLoop(endpoint.streaming()))) {
                new LoadGenerator(client, i -> prompts.get((int) (i % prompts.size())), recorder)
                        .run(List.of(phase), 1, new AtomicBoolean(), ProgressListener.NONE);
                recorder.finish();
            }
        } finally {
            Files.deleteIfExists(jsonl);
        }
    }
}
