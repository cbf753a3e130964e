package dev.aiperf.mock;

import java.util.List;

/**
 * Everything the mock server needs, immutable. Start from {@link #defaults()}, {@link #zeroLatency()} or
 * {@link #fast()} and adjust with the {@code with...} copies.
 *
 * @param host         interface to bind; 127.0.0.1 unless a caller says otherwise
 * @param port         TCP port; 0 picks a free one (read it back from {@link MockServer#port()})
 * @param seed         seeds text, output lengths, jitter and fault draws
 * @param models       accepted model names; empty accepts any model
 * @param latency      how tokens are spaced in time
 * @param outputLength output length when a request does not fix it
 * @param faults       injected faults
 * @param prefixCache  the batching mode's prefix cache (other modes ignore it); off in the presets
 * @param sessionLog   bounds of the per-session request log
 */
public record MockServerConfig(String host, int port, long seed, List<String> models, LatencyMode latency,
                               OutputLength outputLength, Faults faults, PrefixCacheConfig prefixCache,
                               SessionLogConfig sessionLog) {

    /** Model name listed by {@code GET /v1/models} when no model list is configured. */
    public static final String DEFAULT_MODEL = "mock-model";

    public MockServerConfig {
        if (host == null || host.isBlank()) {
            throw new MockConfigException("mock.host", "must name an interface, e.g. 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new MockConfigException("mock.port", "must be 0 (a free port) or 1-65535; got " + port);
        }
        models = List.copyOf(models);
        if (latency == null || outputLength == null || faults == null || prefixCache == null
                || sessionLog == null) {
            throw new MockConfigException("mock", "latency, output length, faults, prefix cache and session log"
                    + " must be given; start from MockServerConfig.defaults()");
        }
    }

    /**
     * The engine's embedded default: a continuous-batching server with {@code max_batch} 32, steps of
     * 4 ms + 0.125 ms per sequence, prefill 0.02 ms per input token in chunks of 512, no KV limit. One stream
     * gets an ITL of ~4.1 ms (~240 tokens/s); a full batch of 32 gets 8 ms per step, i.e. 4,000 tokens/s, and
     * beyond 32 requests queue. So a concurrency sweep of 1..64 shows a rising, then flat, throughput curve with
     * climbing latency within seconds, and the server itself needs only a fraction of one core to do it.
     *
     * <p>The prefix cache is off: the engine's synthetic datasets reuse a small pool of prompts (100 by default), so
     * with a cache every request after the first pass would skip its prefill and the TTFT curves the docs and tests
     * rely on would flatten. Turn it on with {@code withPrefixCache(PrefixCacheConfig.defaults())}. The session log
     * is on with {@link SessionLogConfig#defaults()} bounds; only requests that name a session are logged.
     */
    public static MockServerConfig defaults() {
        return new MockServerConfig("127.0.0.1", 0, 42, List.of(),
                new LatencyMode.Batching(32, 4.0, 0.125, 0.02, 512, 0),
                OutputLength.defaults(), Faults.none(), PrefixCacheConfig.off(), SessionLogConfig.defaults());
    }

    /** Streams as fast as the socket allows: for measuring a client's own overhead. */
    public static MockServerConfig zeroLatency() {
        return defaults().withLatency(new LatencyMode.ZeroLatency());
    }

    /**
     * A batching server ten times quicker than {@link #defaults()} (0.4 ms + 0.0125 ms per sequence per step,
     * 0.002 ms prefill per token, batch 32): the same curve shape for end-to-end tests that must finish quickly.
     */
    public static MockServerConfig fast() {
        return defaults().withLatency(new LatencyMode.Batching(32, 0.4, 0.0125, 0.002, 512, 0));
    }

    public MockServerConfig withHost(String newHost) {
        return new MockServerConfig(newHost, port, seed, models, latency, outputLength, faults, prefixCache,
                sessionLog);
    }

    public MockServerConfig withPort(int newPort) {
        return new MockServerConfig(host, newPort, seed, models, latency, outputLength, faults, prefixCache,
                sessionLog);
    }

    public MockServerConfig withSeed(long newSeed) {
        return new MockServerConfig(host, port, newSeed, models, latency, outputLength, faults, prefixCache,
                sessionLog);
    }

    public MockServerConfig withModels(List<String> newModels) {
        return new MockServerConfig(host, port, seed, newModels, latency, outputLength, faults, prefixCache,
                sessionLog);
    }

    public MockServerConfig withLatency(LatencyMode newLatency) {
        return new MockServerConfig(host, port, seed, models, newLatency, outputLength, faults, prefixCache,
                sessionLog);
    }

    public MockServerConfig withFaults(Faults newFaults) {
        return new MockServerConfig(host, port, seed, models, latency, outputLength, newFaults, prefixCache,
                sessionLog);
    }

    /** The batching mode's prefix cache; {@link PrefixCacheConfig#off()} to turn it off. */
    public MockServerConfig withPrefixCache(PrefixCacheConfig newPrefixCache) {
        return new MockServerConfig(host, port, seed, models, latency, outputLength, faults, newPrefixCache,
                sessionLog);
    }

    /** Bounds of the session log; {@link SessionLogConfig#off()} to log nothing. */
    public MockServerConfig withSessionLog(SessionLogConfig newSessionLog) {
        return new MockServerConfig(host, port, seed, models, latency, outputLength, faults, prefixCache,
                newSessionLog);
    }
}
