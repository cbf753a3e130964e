package dev.aiperf.mock;

import java.util.Locale;

/**
 * The server's own account of one completion ({@code System.nanoTime()}, in milliseconds): the time it waited for a
 * batch slot (from being handed to the scheduler, after parsing, to admission), and from the moment the request
 * arrived to the first and last content token, and the mean gap
 * between tokens, {@code (latency − ttft) / (tokens − 1)} (0 for a single token). Streaming responses count a token
 * when the write carrying it completed; non-streaming ones when it was generated.
 */
public record MockTiming(double queueWaitMs, double ttftMs, double itlMs, double latencyMs, int tokens) {

    static MockTiming of(long receivedNanos, long queueWaitNanos, long firstNanos, long lastNanos, int tokens) {
        double ttft = (firstNanos - receivedNanos) / 1e6;
        double latency = (lastNanos - receivedNanos) / 1e6;
        double itl = tokens > 1 ? (latency - ttft) / (tokens - 1) : 0;
        return new MockTiming(queueWaitNanos / 1e6, ttft, itl, latency, tokens);
    }

    /** The {@code "mock_timing"} JSON object. */
    String toJson() {
        return String.format(Locale.ROOT,
                "{\"queue_wait_ms\":%.3f,\"ttft_ms\":%.3f,\"itl_ms\":%.3f,\"latency_ms\":%.3f,\"tokens\":%d}",
                queueWaitMs, ttftMs, itlMs, latencyMs, tokens);
    }

    static String ms(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
