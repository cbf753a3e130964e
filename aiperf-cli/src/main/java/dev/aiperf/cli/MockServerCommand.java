package dev.aiperf.cli;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.mock.FaultKind;
import dev.aiperf.mock.Faults;
import dev.aiperf.mock.LatencyMode;
import dev.aiperf.mock.MockConfigException;
import dev.aiperf.mock.MockServer;
import dev.aiperf.mock.MockServerConfig;
import dev.aiperf.mock.PrefixCacheConfig;
import dev.aiperf.mock.SessionLogConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code aiperf mock-server}: runs the OpenAI-compatible mock LLM server until Ctrl-C. */
@Command(name = "mock-server", mixinStandardHelpOptions = true,
        description = {"Start the embedded OpenAI-compatible mock LLM server (chat/completions, completions,"
                + " embeddings, models, health) and serve until Ctrl-C.",
                "Latency modes: batching (a continuous-batching server; the default), open-loop (fixed TTFT + ITL),"
                        + " zero (as fast as the socket allows). Formulas: docs/MOCK_SERVER.md."})
public final class MockServerCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8000", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--mode", defaultValue = "batching",
            description = "Latency mode: zero, open-loop or batching (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for text, lengths, jitter and faults (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--model", description = "Accepted model name; repeat for several. None: any model is accepted.")
    List<String> models = new ArrayList<>();

    @Option(names = "--ttft-ms", defaultValue = "20", description = "open-loop: time to first token (default: ${DEFAULT-VALUE}).")
    double ttftMs;

    @Option(names = "--itl-ms", defaultValue = "5", description = "open-loop: time between tokens (default: ${DEFAULT-VALUE}).")
    double itlMs;

    @Option(names = "--ttft-jitter-cv", defaultValue = "0", description = "open-loop: lognormal CV of TTFT (default: ${DEFAULT-VALUE}).")
    double ttftJitterCv;

    @Option(names = "--itl-jitter-cv", defaultValue = "0", description = "open-loop: lognormal CV of ITL (default: ${DEFAULT-VALUE}).")
    double itlJitterCv;

    @Option(names = "--max-batch", defaultValue = "32", description = "batching: sequences per step (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--step-base-ms", defaultValue = "4.0", description = "batching: fixed cost of a step (default: ${DEFAULT-VALUE}).")
    double stepBaseMs;

    @Option(names = "--step-per-seq-ms", defaultValue = "0.125", description = "batching: step cost per sequence in the batch (default: ${DEFAULT-VALUE}).")
    double stepPerSeqMs;

    @Option(names = "--prefill-ms-per-token", defaultValue = "0.02", description = "batching: prefill cost per prompt token (default: ${DEFAULT-VALUE}).")
    double prefillMsPerToken;

    @Option(names = "--prefill-chunk-tokens", defaultValue = "512", description = "batching: prefill tokens per step, 0 = unchunked (default: ${DEFAULT-VALUE}).")
    int prefillChunkTokens;

    @Option(names = "--kv-cache-tokens", defaultValue = "0", description = "batching: KV-cache budget in tokens, 0 = unlimited (default: ${DEFAULT-VALUE}).")
    long kvCacheTokens;

    @Option(names = "--prefix-cache-blocks", defaultValue = "0",
            description = "batching: prefix-cache capacity in blocks, 0 = no prefix cache; e.g. 65536"
                    + " (default: ${DEFAULT-VALUE}).")
    int prefixCacheBlocks;

    @Option(names = "--prefix-block-tokens", defaultValue = "16",
            description = "batching: tokens per prefix-cache block (default: ${DEFAULT-VALUE}).")
    int prefixBlockTokens;

    @Option(names = "--session-log-sessions", defaultValue = "1000",
            description = "Sessions (X-Session-ID or user) kept in the session log, 0 = no log (default: ${DEFAULT-VALUE}).")
    int sessionLogSessions;

    @Option(names = "--session-log-requests", defaultValue = "100",
            description = "Requests kept per session in the session log (default: ${DEFAULT-VALUE}).")
    int sessionLogRequests;

    @Option(names = "--session-log-chars", defaultValue = "8000000",
            description = "Characters of messages kept in the session log in all (default: ${DEFAULT-VALUE}).")
    long sessionLogChars;

    @Option(names = "--fault-rate", paramLabel = "KIND=FRACTION",
            description = "Inject a fault into this fraction of completions; repeatable. Kinds: http_429, http_500,"
                    + " http_503, drop_before_headers, drop_mid_stream, malformed_sse, stall, slow_first_byte.")
    Map<String, Double> faultRates = Map.of();

    @Option(names = "--fault-at", paramLabel = "KIND=I,J,...",
            description = "Inject a fault into the completions with these 0-based indices; repeatable.")
    Map<String, String> faultAt = Map.of();

    @Option(names = "--stall-ms", defaultValue = "200", description = "Length of a stall fault (default: ${DEFAULT-VALUE}).")
    long stallMs;

    @Option(names = "--slow-first-byte-ms", defaultValue = "200", description = "Extra delay of a slow-first-byte fault (default: ${DEFAULT-VALUE}).")
    long slowFirstByteMs;

    @Override
    public Integer call() throws Exception {
        MockServerConfig config;
        try {
            config = config();
        } catch (ConfigException | MockConfigException e) {
            System.err.println("aiperf mock-server: " + e.getMessage());
            return 1;
        }
        MockServer server;
        try {
            server = MockServer.start(config);
        } catch (IllegalStateException e) {
            System.err.println("aiperf mock-server: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "mock-server-shutdown"));
        System.out.println("mock server listening on " + server.baseUrl());
        System.out.flush();
        stopped.await();
        return 0;
    }

    MockServerConfig config() {
        LatencyMode latency = switch (mode.toLowerCase(Locale.ROOT)) {
            case "zero", "zero-latency" -> new LatencyMode.ZeroLatency();
            case "open-loop" -> new LatencyMode.OpenLoop(ttftMs, itlMs, ttftJitterCv, itlJitterCv);
            case "batching" -> new LatencyMode.Batching(maxBatch, stepBaseMs, stepPerSeqMs, prefillMsPerToken,
                    prefillChunkTokens, kvCacheTokens);
            default -> throw new ConfigException("--mode", "unknown mode '" + mode
                    + "'; use zero, open-loop or batching");
        };
        Faults faults = Faults.none().withStallMs(stallMs).withSlowFirstByteMs(slowFirstByteMs);
        for (Map.Entry<String, Double> e : faultRates.entrySet()) {
            faults = faults.withRate(kind("--fault-rate", e.getKey()), e.getValue());
        }
        for (Map.Entry<String, String> e : faultAt.entrySet()) {
            Set<Long> indices = new HashSet<>();
            for (String part : e.getValue().split(",")) {
                try {
                    indices.add(Long.parseLong(part.trim()));
                } catch (NumberFormatException x) {
                    throw new ConfigException("--fault-at", "'" + part + "' is not a request index; write e.g. "
                            + "--fault-at http_500=0,5,9");
                }
            }
            faults = faults.withIndices(kind("--fault-at", e.getKey()), indices);
        }
        return MockServerConfig.defaults().withHost(host).withPort(port).withSeed(seed).withModels(models)
                .withLatency(latency).withFaults(faults)
                .withPrefixCache(new PrefixCacheConfig(prefixBlockTokens, prefixCacheBlocks))
                .withSessionLog(new SessionLogConfig(sessionLogSessions, sessionLogRequests, sessionLogChars));
    }

    private static FaultKind kind(String option, String name) {
        for (FaultKind k : FaultKind.values()) {
            if (k.cliName().equals(name.trim().toLowerCase(Locale.ROOT).replace('-', '_'))) {
                return k;
            }
        }
        List<String> names = new ArrayList<>();
        for (FaultKind k : FaultKind.values()) {
            names.add(k.cliName());
        }
        throw new ConfigException(option, "unknown fault kind '" + name + "'; use one of " + names);
    }
}
