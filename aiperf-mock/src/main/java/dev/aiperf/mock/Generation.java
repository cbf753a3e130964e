package dev.aiperf.mock;

/**
 * One generation in flight: how many tokens it needs and who hears about each one. The fields other than the
 * finals are owned by the {@link TokenScheduler} thread that drives the sequence.
 */
final class Generation {
    /** Told about each step of a sequence's life; calls come from a scheduler thread and must not block. */
    interface Listener {
        /** The sequence entered the batch (batching) or started (other modes), at {@code nanos}. */
        void onAdmitted(long nanos);

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
    final Listener listener;
    final long arrivalOrder;
    private volatile boolean cancelled;

    // Batching state.
    int generated;
    boolean admittedOnce;
    int prefillRemaining;
    long cachedTokens;

    Generation(int inputTokens, int outputTokens, long arrivalOrder, Listener listener) {
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
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
