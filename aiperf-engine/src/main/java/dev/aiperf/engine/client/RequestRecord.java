package dev.aiperf.engine.client;

/**
 * What the client observed for one request: the raw input of every per-request metric.
 *
 * <p>Transient: the run turns each record into metric values and a JSONL line, then drops it, so memory
 * stays flat however many requests a run sends. Times are {@link System#nanoTime()} values taken when the
 * bytes arrived, except {@code wallStartNanos}, which is epoch-based and only used for
 * {@code benchmark_duration} and the JSONL timestamps.
 *
 * @param index              0-based order of sending within the run (all phases)
 * @param phase              the phase's name
 * @param excluded           true for warmup ({@code exclude_from_results}) requests
 * @param wallStartNanos     epoch nanoseconds when the request was sent
 * @param intendedStartNanos monotonic time the schedule wanted it sent (open loop); equals startNanos when closed loop
 * @param startNanos         monotonic time just before the request was written
 * @param responseNanos      monotonic arrival time of each non-empty content response (SSE event with content,
 *                           or the fully read body when not streaming); empty when none arrived
 * @param endNanos           monotonic time the response finished (last byte or error)
 * @param inputTokens        prompt tokens by the client tokenizer
 * @param outputTokens       output plus reasoning tokens, by the client tokenizer or the server's usage when asked;
 *                           -1 when unknown
 * @param serverUsage        the server's usage block, or {@code null}
 * @param error              the failure, or {@code null} when the request succeeded
 * @param serverTiming       server-side truth the mock server reports, or {@code null} for real servers
 * @param sessionId          the conversation's session id, or {@code null} outside a conversation
 * @param turnIndex          0-based position of the request in its conversation (0 for single-turn requests)
 * @param outputText         the response text, kept only for requests of a conversation (the next turn's history);
 *                           {@code null} otherwise
 */
public record RequestRecord(
        long index,
        String phase,
        boolean excluded,
        long wallStartNanos,
        long intendedStartNanos,
        long startNanos,
        long[] responseNanos,
        long endNanos,
        int inputTokens,
        int outputTokens,
        Usage serverUsage,
        RequestError error,
        ServerTiming serverTiming,
        String sessionId,
        int turnIndex,
        String outputText) {

    /** A record of a request outside any conversation. */
    public RequestRecord(long index, String phase, boolean excluded, long wallStartNanos, long intendedStartNanos,
            long startNanos, long[] responseNanos, long endNanos, int inputTokens, int outputTokens, Usage serverUsage,
            RequestError error, ServerTiming serverTiming) {
        this(index, phase, excluded, wallStartNanos, intendedStartNanos, startNanos, responseNanos, endNanos,
                inputTokens, outputTokens, serverUsage, error, serverTiming, null, 0, null);
    }

    public boolean ok() {
        return error == null;
    }

    /** True when the client aborted the request on purpose ({@code request_cancellation}); not an error. */
    public boolean deliberatelyCancelled() {
        return error != null && ErrorTypes.REQUEST_CANCELLED.equals(error.type());
    }

    /** Token counts reported by the server. */
    public record Usage(int promptTokens, int completionTokens, int reasoningTokens) {
    }

    /**
     * A failed request.
     *
     * @param type    short class of failure: {@code http_error}, {@code timeout}, {@code connection_reset},
     *                {@code connection_refused}, {@code malformed_response}, {@code cancelled} (by the run's stop
     *                rule), {@code request_cancelled} (deliberately, by {@code request_cancellation}), ...
     * @param code    HTTP status, or {@code null} when no status was received
     * @param message human-readable detail (e.g. the error body's message)
     */
    public record RequestError(String type, Integer code, String message) {
    }

    /**
     * The mock server's own account of a request (response headers {@code x-mock-*}), so tests can check
     * the client's measurements against it. Milliseconds.
     */
    public record ServerTiming(double queueWaitMs, double ttftMs, double itlMs, double latencyMs, int tokens) {
    }
}
