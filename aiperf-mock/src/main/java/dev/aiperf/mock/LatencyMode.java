package dev.aiperf.mock;



/**
 * How the mock server spaces the tokens it generates. The formulas are written out in {@code docs/MOCK_SERVER.md}.
 */
public sealed interface LatencyMode permits LatencyMode.ZeroLatency, LatencyMode.OpenLoop, LatencyMode.Batching {

    /** Every token is ready at once; the response is written as fast as the socket takes it. For measuring clients. */
    record ZeroLatency() implements LatencyMode {
    }

    /**
     * Each request on its own clock: first token {@code ttftMs} after arrival, each further token {@code itlMs} after
     * the previous one, independent of load. A coefficient of variation above 0 draws each gap from a lognormal
     * distribution with that mean and CV (seeded per request).
     */
    record OpenLoop(double ttftMs, double itlMs, double ttftJitterCv, double itlJitterCv) implements LatencyMode {
        public OpenLoop {
            requireNonNegative("ttft_ms", ttftMs);
            requireNonNegative("itl_ms", itlMs);
            requireNonNegative("ttft_jitter_cv", ttftJitterCv);
            requireNonNegative("itl_jitter_cv", itlJitterCv);
        }

        /** Fixed TTFT and ITL without jitter. */
        public OpenLoop(double ttftMs, double itlMs) {
            this(ttftMs, itlMs, 0, 0);
        }
    }

    /**
     * A continuous-batching server: one step loop with at most {@code maxBatch} sequences in the batch; a step lasts
     * {@code stepBaseMs + stepPerSeqMs × batch + prefillMsPerToken × prefill tokens in the step} and emits one token per
     * decoding sequence; prompts are prefilled in chunks of at most {@code prefillChunkTokens} tokens per step
     * (0 = whole prompts in one step); {@code kvCacheTokens} bounds the tokens held by the batch (0 = unlimited), past
     * which the newest sequence is preempted and recomputed.
     */
    record Batching(int maxBatch, double stepBaseMs, double stepPerSeqMs, double prefillMsPerToken,
                    int prefillChunkTokens, long kvCacheTokens) implements LatencyMode {
        public Batching {
            if (maxBatch < 1) {
                throw new MockConfigException("mock.max_batch", "must be at least 1; got " + maxBatch);
            }
            requireNonNegative("step_base_ms", stepBaseMs);
            requireNonNegative("step_per_seq_ms", stepPerSeqMs);
            requireNonNegative("prefill_ms_per_token", prefillMsPerToken);
            if (prefillChunkTokens < 0) {
                throw new MockConfigException("mock.prefill_chunk_tokens",
                        "must be 0 (unchunked) or a positive token count; got " + prefillChunkTokens);
            }
            if (kvCacheTokens < 0) {
                throw new MockConfigException("mock.kv_cache_tokens",
                        "must be 0 (unlimited) or a positive token count; got " + kvCacheTokens);
            }
        }
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new MockConfigException("mock." + name, "must be a finite number >= 0; got " + value);
        }
    }
}
