package dev.aiperf.mock;

/** Decides when each token of a sequence is generated; one implementation per {@link LatencyMode}. */
sealed interface TokenScheduler extends AutoCloseable
        permits ZeroLatencyScheduler, OpenLoopScheduler, BatchingScheduler {

    /** Takes a new sequence; never blocks. */
    void submit(Generation sequence);

    /** Preemptions so far (batching with a KV budget only). */
    default long preemptions() {
        return 0;
    }

    @Override
    void close();

    /** The scheduler for {@code mode}; only batching models prefill, so only it uses the prefix cache. */
    static TokenScheduler of(LatencyMode mode, long seed, PrefixCache prefixCache) {
        if (mode instanceof LatencyMode.ZeroLatency) {
            return new ZeroLatencyScheduler();
        } else if (mode instanceof LatencyMode.OpenLoop o) {
            return new OpenLoopScheduler(o, seed);
        } else if (mode instanceof LatencyMode.Batching b) {
            return new BatchingScheduler(b, prefixCache);
        }
        throw new IllegalArgumentException("unknown latency mode " + mode);
    }
}
