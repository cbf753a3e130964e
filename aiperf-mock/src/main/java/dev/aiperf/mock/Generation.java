package dev.aiperf.mock;

/**
 * One generation in flight: how many tokens it needs and who hears about each one. The fields other than the
 * finals are owned by the {@link TokenScheduler} thread that drives the sequence.
 */
final class Generation {
    /** Told about each step of a sequence's life; calls come from a scheduler thread and must not block. */
    interface Listener {
        /**
         * The sequence entered the batch (batching) or started (other modes), at {@code nanos}, with
         * {@code cachedTokens} of its prompt found in the prefix cache (0 without one). Called once per sequence.
         */
        void onAdmitted(long nanos, int cachedTokens);

        /** Token {@code index} (0-based) was generated at {@code nanos}. The last index is {@code outputTokens - 1}. */
        void onToken(int index, long nanos);

        /** Several tokens follow at once (zero latency): the listener may hold its writes until {@link #endBurst()}. */
        default void beginBurst() {
        }

        /** The burst is over: write what was held. */
        default void endBurst() {
        }
    }

    final int inputTokens;
    final int outputTokens;
    /** The prompt's prefix-cache block keys ({@link PrefixCache#keys}); empty without a prefix cache. */
    final long[] blockKeys;
    final Listener listener;
    final long arrivalOrder;
    private volatile boolean cancelled;

    // Batching state.
    int generated;
    boolean admittedOnce;
    /** Prompt tokens the prefix cache held at the first admission: what the response reports as cached. */
    int prefixHitTokens;
    int prefillRemaining;
    /** Tokens this sequence holds in KV memory: its cached prefix, what it prefilled and what it generated. */
    long kvTokens;

    Generation(int inputTokens, int outputTokens, long[] blockKeys, long arrivalOrder, Listener listener) {
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        this.blockKeys = blockKeys;
        this.arrivalOrder = arrivalOrder;
        this.listener = listener;
        this.prefillRemaining = inputTokens;
    }

    /** The client went away: stop generating for it. */
    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }
}
